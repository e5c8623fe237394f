import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matrixFromColumns, matrixRow, numericColumns, type FeatureColumn } from '../dataset/feature-matrix';
import { sigmoid } from '../math/logistic-functions';
import { rocAuc } from '../metrics/ranking-metrics';
import { createSeededRandom } from '../random/seeded-random';
import { logisticContributions, predictLogisticMargins, trainLogistic } from './logistic-model';

function sample(n: number, seed: number, truth: (x: number[]) => number, missingRate = 0) {
  const random = createSeededRandom(seed);
  const columns: number[][] = [[], [], []];
  const labels: number[] = [];
  const p: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = [random.next() * 6 - 3, random.next() * 6 - 3, random.next() < 0.5 ? 1 : 0];
    const prob = sigmoid(truth(x));
    x.forEach((v, j) => columns[j]!.push(j === 0 && random.next() < missingRate ? NaN : v));
    p.push(prob);
    labels.push(random.next() < prob ? 1 : 0);
  }
  const kinds: FeatureColumn[] = [...numericColumns(2), { name: 'flag', kind: 'boolean', source: 'flag' }];
  return { matrix: matrixFromColumns(kinds, columns), labels, p };
}

describe('trainLogistic', () => {
  it('recovers the coefficients of a linear truth', () => {
    const { matrix, labels } = sample(40_000, 1, ([a, b, c]) => -0.5 + 1.2 * a! - 0.7 * b! + 0.9 * c!);
    const model = trainLogistic(matrix, labels, { l2: 1e-6 });
    expect(model.converged).toBe(true);
    expect(model.intercept).toBeCloseTo(-0.5, 1);
    expect(model.coefficients[0]).toBeCloseTo(1.2, 1);
    expect(model.coefficients[1]).toBeCloseTo(-0.7, 1);
    expect(model.coefficients[2]).toBeCloseTo(0.9, 1);
  });

  it('with splines comes close to a smooth non-linear truth that a line misses', () => {
    const truth = ([a, b]: number[]) => 2 * Math.sin(a!) - 0.6 * b! * b! + 1;
    const train = sample(20_000, 2, truth);
    const test = sample(20_000, 3, truth);
    const bestPossible = rocAuc(test.labels, test.p);
    const spline = trainLogistic(train.matrix, train.labels, { numericBasis: 'spline', splineKnots: 6 });
    const linear = trainLogistic(train.matrix, train.labels);
    const splineAuc = rocAuc(test.labels, predictLogisticMargins(spline, test.matrix));
    expect(splineAuc).toBeGreaterThan(bestPossible - 0.01);
    expect(rocAuc(test.labels, predictLogisticMargins(linear, test.matrix))).toBeLessThan(bestPossible - 0.05);
    // The fitted log-odds track the true ones, not just their ranking.
    const margins = predictLogisticMargins(spline, test.matrix);
    let squared = 0;
    test.p.forEach((p, i) => (squared += (sigmoid(margins[i]!) - p) ** 2));
    expect(Math.sqrt(squared / test.p.length)).toBeLessThan(0.02);
  });

  it('fits binned bases and interactions', () => {
    const truth = ([a, b]: number[]) => (a! > 1 ? 1.5 : 0) + 0.8 * a! * b!;
    const train = sample(20_000, 4, truth);
    const test = sample(10_000, 5, truth);
    const model = trainLogistic(train.matrix, train.labels, { numericBasis: 'binned', bins: 12, interactions: [['x0', 'x1']] });
    expect(model.designNames).toContain('x0 × x1');
    expect(model.designNames).toContain('x0:bin11');
    expect(rocAuc(test.labels, predictLogisticMargins(model, test.matrix))).toBeGreaterThan(rocAuc(test.labels, test.p) - 0.01);
  });

  it('imputes missing values and gives missingness its own coefficient', () => {
    const { matrix, labels } = sample(5_000, 6, ([a]) => a!, 0.2);
    const model = trainLogistic(matrix, labels);
    expect(model.designNames).toEqual(['x0', 'x0:missing', 'x1', 'flag']);
    const margins = predictLogisticMargins(model, matrixFromColumns(matrix.columns, [[NaN], [0], [1]]));
    expect(Number.isFinite(margins[0])).toBe(true);
  });

  it('contributions β(x − mean) sum with the bias to the margin exactly', () => {
    const { matrix, labels } = sample(3_000, 7, ([a, b, c]) => Math.cos(a!) + b! * c!, 0.1);
    const model = trainLogistic(matrix, labels, { numericBasis: 'spline', interactions: [['x1', 'flag']] });
    const margins = predictLogisticMargins(model, matrix);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: matrix.rowCount - 1 }), (r) => {
        const { bias, contributions, interactions } = logisticContributions(model, matrixRow(matrix, r));
        const total = contributions.reduce((a, b) => a + b, bias) + interactions.reduce((a, t) => a + t.contribution, 0);
        expect(Math.abs(total - margins[r]!)).toBeLessThan(1e-9);
      }),
    );
  });

  it('has zero contributions at the training means', () => {
    const { matrix, labels } = sample(2_000, 8, ([a]) => a!);
    const model = trainLogistic(matrix, labels);
    // With a linear basis and no missing values, the design at the column means is the design mean.
    const atMeans = model.basis.terms.map((t) => t.fillValue);
    const { bias, contributions } = logisticContributions(model, atMeans);
    expect([...contributions].every((c) => Math.abs(c) < 1e-12)).toBe(true);
    expect(bias).toBeCloseTo(predictLogisticMargins(model, matrixFromColumns(matrix.columns, atMeans.map((m) => [m])))[0]!, 12);
  });
});
