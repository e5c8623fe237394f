import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sigmoid } from '../math/logistic-functions';
import { createSeededRandom } from '../random/seeded-random';
import { calibrateContributions } from './calibrated-contributions';
import { calibratedLogit, calibratedProbability, crossValidatedCalibrationLoss, fitCalibrator, type Calibrator } from './calibrator';
import { applyIsotonic, fitIsotonic } from './isotonic-regression';
import { applyPlatt, fitPlatt } from './platt-scaling';

const marginsAndLabels = fc.array(fc.tuple(fc.double({ min: -8, max: 8, noNaN: true }), fc.integer({ min: 0, max: 1 })), {
  minLength: 1,
  maxLength: 80,
});

function miscalibrated(n: number, seed: number, truth: (m: number) => number) {
  const random = createSeededRandom(seed);
  const margins: number[] = [];
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const m = random.next() * 8 - 4;
    margins.push(m);
    labels.push(random.next() < truth(m) ? 1 : 0);
  }
  return { margins, labels };
}

describe('isotonic regression', () => {
  it('pools adjacent violators (hand example)', () => {
    const iso = fitIsotonic([1, 2, 3, 4, 5], [1, 0, 1, 0, 1]);
    // Blocks: {1,2} → 0.5, {3,4} → 0.5 merge into {1..4} → 0.5; {5} → 1.
    expect(iso.x).toEqual([1, 4, 5]);
    expect(iso.y).toEqual([0.5, 0.5, 1]);
    expect(applyIsotonic(iso, 4.5)).toBeCloseTo(0.75, 12);
    expect(applyIsotonic(iso, -10)).toBe(0.5);
    expect(applyIsotonic(iso, 10)).toBe(1);
  });

  it('gives tied margins one value', () => {
    const iso = fitIsotonic([0, 0, 0, 1], [1, 0, 0, 1]);
    expect(iso.x).toEqual([0, 1]);
    expect(iso.y[0]).toBeCloseTo(1 / 3, 12);
  });

  it('is monotone non-decreasing everywhere', () => {
    fc.assert(
      fc.property(marginsAndLabels, fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 2 }), (data, probes) => {
        const iso = fitIsotonic(
          data.map(([m]) => m),
          data.map(([, y]) => y),
        );
        const sorted = [...probes].sort((a, b) => a - b);
        for (let k = 1; k < sorted.length; k++) expect(applyIsotonic(iso, sorted[k]!)).toBeGreaterThanOrEqual(applyIsotonic(iso, sorted[k - 1]!));
        for (let k = 1; k < iso.x.length; k++) expect(iso.x[k]).toBeGreaterThan(iso.x[k - 1]!);
      }),
    );
  });

  it('minimises squared error among monotone fits (no adjacent swap helps)', () => {
    const { margins, labels } = miscalibrated(300, 1, (m) => sigmoid(m / 2));
    const iso = fitIsotonic(margins, labels);
    const sse = (f: (m: number) => number) => margins.reduce((s, m, i) => s + (f(m) - labels[i]!) ** 2, 0);
    const fitted = sse((m) => applyIsotonic(iso, m));
    // Any other monotone step function, e.g. a shifted one, does worse.
    expect(fitted).toBeLessThanOrEqual(sse((m) => Math.min(1, applyIsotonic(iso, m) + 0.01)));
    expect(fitted).toBeLessThanOrEqual(sse((m) => Math.max(0, applyIsotonic(iso, m) - 0.01)));
  });
});

describe('Platt scaling', () => {
  it('recovers a known slope and intercept', () => {
    const { margins, labels } = miscalibrated(50_000, 2, (m) => sigmoid(0.5 * m - 0.7));
    const platt = fitPlatt(margins, labels);
    expect(platt.a).toBeCloseTo(0.5, 1);
    expect(platt.b).toBeCloseTo(-0.7, 1);
  });

  it('is monotone non-decreasing (slope never negative)', () => {
    fc.assert(
      fc.property(marginsAndLabels, (data) => {
        const platt = fitPlatt(
          data.map(([m]) => m),
          data.map(([, y]) => y),
        );
        expect(platt.a).toBeGreaterThanOrEqual(0);
        const probes = [-5, -1, 0, 0.5, 3];
        for (let k = 1; k < probes.length; k++) expect(applyPlatt(platt, probes[k]!)).toBeGreaterThanOrEqual(applyPlatt(platt, probes[k - 1]!));
      }),
    );
  });

  it('falls back to the base rate rather than flip a backwards ranking', () => {
    const platt = fitPlatt([-2, -1, 1, 2], [1, 1, 0, 0]);
    expect(platt.a).toBe(0);
    expect(sigmoid(platt.b)).toBeCloseTo(0.5, 9);
  });
});

describe('fitCalibrator auto', () => {
  it('picks isotonic for a bent reliability curve with many rows, Platt for a logistic one', () => {
    const bent = miscalibrated(20_000, 3, (m) => (m > 0 ? 0.9 : 0.1));
    expect(fitCalibrator('auto', bent.margins, bent.labels).type).toBe('isotonic');
    const smooth = miscalibrated(2_000, 4, (m) => sigmoid(0.8 * m));
    expect(fitCalibrator('auto', smooth.margins, smooth.labels).type).toBe('platt');
    expect(crossValidatedCalibrationLoss('platt', smooth.margins, smooth.labels)).toBeLessThan(0.7);
  });
});

describe('contributions in calibrated log-odds', () => {
  const cases = fc.record({
    contributions: fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: 1, maxLength: 12 }),
    bias: fc.double({ min: -3, max: 3, noNaN: true }),
    data: marginsAndLabels,
    method: fc.constantFrom('platt' as const, 'isotonic' as const, 'none' as const),
  });

  it('sum with the calibrated bias to logit(calibrated probability)', () => {
    fc.assert(
      fc.property(cases, ({ contributions, bias, data, method }) => {
        const calibrator: Calibrator = fitCalibrator(
          method,
          data.map(([m]) => m),
          data.map(([, y]) => y),
        );
        const margin = contributions.reduce((a, b) => a + b, bias);
        const result = calibrateContributions(calibrator, bias, margin, contributions);
        const total = result.contributions.reduce((a, b) => a + b, result.bias);
        const p = calibratedProbability(calibrator, margin);
        expect(Math.abs(total - result.logit)).toBeLessThan(1e-9);
        expect(Math.abs(sigmoid(result.logit) - p)).toBeLessThan(1e-12);
        expect(result.logit).toBe(calibratedLogit(calibrator, margin));
        // Proportional: signs are kept.
        result.contributions.forEach((c, j) => expect(c * contributions[j]!).toBeGreaterThanOrEqual(0));
      }),
      { numRuns: 300 },
    );
  });

  it('is exact for Platt: scaled by a, bias a·bias + b', () => {
    const result = calibrateContributions({ type: 'platt', a: 0.5, b: -1 }, 2, 3, [1.5, -0.5]);
    expect(result.bias).toBe(0);
    expect([...result.contributions]).toEqual([0.75, -0.25]);
    expect(result.logit).toBe(0.5);
  });
});
