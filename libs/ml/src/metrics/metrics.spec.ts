import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calibrationTable, expectedCalibrationError } from './calibration-metrics';
import { evaluateBinary } from './evaluate-binary';
import { brierScore, logLoss } from './probability-metrics';
import { averagePrecision, baseRate, liftAtTop, rocAuc } from './ranking-metrics';

function bruteForceAuc(labels: number[], scores: number[]): number {
  let wins = 0;
  let pairs = 0;
  for (let i = 0; i < labels.length; i++) {
    for (let j = 0; j < labels.length; j++) {
      if (labels[i] !== 1 || labels[j] !== 0) continue;
      pairs++;
      wins += scores[i]! > scores[j]! ? 1 : scores[i] === scores[j] ? 0.5 : 0;
    }
  }
  return wins / pairs;
}

/** Average precision straight from its definition: mean over positives of the precision at their score. */
function bruteForceAp(labels: number[], scores: number[]): number {
  const positives = labels.reduce((a, b) => a + b, 0);
  let total = 0;
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] !== 1) continue;
    let atOrAbove = 0;
    let positivesAtOrAbove = 0;
    for (let j = 0; j < labels.length; j++) {
      if (scores[j]! >= scores[i]!) {
        atOrAbove++;
        positivesAtOrAbove += labels[j]!;
      }
    }
    total += positivesAtOrAbove / atOrAbove;
  }
  return total / positives;
}

const labelledScores = fc
  .array(fc.tuple(fc.integer({ min: 0, max: 1 }), fc.integer({ min: 0, max: 6 })), { minLength: 2, maxLength: 60 })
  .filter((rows) => rows.some(([y]) => y === 1) && rows.some(([y]) => y === 0));

describe('rocAuc', () => {
  it('matches the all-pairs count with ties as one half', () => {
    fc.assert(
      fc.property(labelledScores, (rows) => {
        const labels = rows.map(([y]) => y);
        const scores = rows.map(([, s]) => s / 6);
        expect(rocAuc(labels, scores)).toBeCloseTo(bruteForceAuc(labels, scores), 12);
      }),
    );
  });

  it('is 1 for a perfect ranking, 0 for a reversed one and 0.5 for constant scores', () => {
    const labels = [0, 0, 1, 1, 0, 1];
    const perfect = labels.map((y, i) => y + i / 100);
    expect(rocAuc(labels, perfect)).toBe(1);
    expect(rocAuc(labels, perfect.map((s) => -s))).toBe(0);
    expect(rocAuc(labels, labels.map(() => 0.3))).toBe(0.5);
  });

  it('is NaN with one class only', () => {
    expect(rocAuc([1, 1], [0.2, 0.4])).toBeNaN();
  });
});

describe('averagePrecision', () => {
  it('matches scikit-learn on its documented example', () => {
    expect(averagePrecision([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBeCloseTo(0.8333333333, 9);
  });

  it('matches the definition (mean precision at each positive, ties grouped)', () => {
    fc.assert(
      fc.property(labelledScores, (rows) => {
        const labels = rows.map(([y]) => y);
        const scores = rows.map(([, s]) => s);
        expect(averagePrecision(labels, scores)).toBeCloseTo(bruteForceAp(labels, scores), 12);
      }),
    );
  });

  it('is 1 for a perfect ranking and the base rate for constant scores', () => {
    expect(averagePrecision([1, 0, 1, 0], [0.9, 0.1, 0.8, 0.2])).toBe(1);
    expect(averagePrecision([1, 0, 1, 0, 0], [0.5, 0.5, 0.5, 0.5, 0.5])).toBeCloseTo(0.4, 12);
  });
});

describe('probability metrics', () => {
  it('computes log loss and Brier score by hand', () => {
    const labels = [1, 0, 1, 0];
    const p = [0.9, 0.2, 0.6, 0.5];
    const expectedLogLoss = -(Math.log(0.9) + Math.log(0.8) + Math.log(0.6) + Math.log(0.5)) / 4;
    expect(logLoss(labels, p)).toBeCloseTo(expectedLogLoss, 12);
    expect(brierScore(labels, p)).toBeCloseTo((0.01 + 0.04 + 0.16 + 0.25) / 4, 12);
    expect(logLoss([1], [0])).toBeCloseTo(-Math.log(1e-15), 6);
  });

  it('computes the base rate', () => {
    expect(baseRate([1, 0, 0, 1, 1])).toBe(0.6);
  });
});

describe('calibration metrics', () => {
  it('bins equal-width and weights the gaps by bin size', () => {
    const labels = [0, 1, 0, 1, 1, 1];
    const p = [0.05, 0.05, 0.15, 0.95, 0.95, 0.92];
    // Bins: [0, .1): mean .05, rate .5, n 2 | [.1, .2): .15, 0, 1 | [.9, 1]: .94, 1, 3
    const table = calibrationTable(labels, p);
    expect(table.map((b) => b.count)).toEqual([2, 1, 3]);
    expect(table[2]!.meanPredicted).toBeCloseTo(0.94, 12);
    expect(table[2]!.lower).toBeCloseTo(0.9, 12);
    const expected = (2 * 0.45 + 1 * 0.15 + 3 * 0.06) / 6;
    expect(expectedCalibrationError(labels, p)).toBeCloseTo(expected, 12);
  });

  it('puts about n / bins rows in each equal-mass bin', () => {
    const p = Array.from({ length: 100 }, (_, i) => (i * 7919) % 100 / 100);
    const labels = p.map((q) => (q > 0.5 ? 1 : 0));
    const table = calibrationTable(labels, p, { strategy: 'quantile' });
    expect(table).toHaveLength(10);
    expect(table.every((b) => b.count === 10)).toBe(true);
    expect(table[0]!.lower).toBe(0);
    expect(table[9]!.upper).toBe(0.99);
  });

  it('is zero for perfectly calibrated bins', () => {
    const labels = [1, 0, 1, 0, 0, 0, 0, 0, 0, 0];
    const p = [0.5, 0.5, 0.5, 0.5, 0, 0, 0, 0, 0, 0];
    expect(expectedCalibrationError(labels, p)).toBe(0);
  });
});

describe('liftAtTop', () => {
  it('is the top-decile rate over the base rate', () => {
    const labels = Array.from({ length: 100 }, (_, i) => (i < 10 || i % 10 === 5 ? 1 : 0));
    const scores = labels.map((_, i) => 100 - i);
    // Top 10 rows are all positive; base rate 19 / 100.
    expect(liftAtTop(labels, scores)).toBeCloseTo(1 / 0.19, 12);
  });

  it('counts rows tied at the cut-off in proportion', () => {
    // All scores tie: the top decile holds a tenth of every row, so the lift is exactly 1.
    const labels = [1, 0, 0, 1, 0, 0, 0, 0, 0, 0];
    expect(liftAtTop(labels, labels.map(() => 0.4))).toBeCloseTo(1, 12);
  });
});

describe('evaluateBinary', () => {
  it('returns null for undefined figures so the result is valid JSON', () => {
    const metrics = evaluateBinary([1, 1], [0.3, 0.6]);
    expect(metrics.rocAuc).toBeNull();
    expect(metrics.liftTopDecile).toBe(1);
    expect(JSON.parse(JSON.stringify(metrics))).toEqual(metrics);
  });
});
