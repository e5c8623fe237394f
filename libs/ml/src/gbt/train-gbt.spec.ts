import { describe, expect, it } from 'vitest';
import { matrixFromColumns, numericColumns, selectRows } from '../dataset/feature-matrix';
import { sigmoid } from '../math/logistic-functions';
import { rocAuc } from '../metrics/ranking-metrics';
import { createSeededRandom } from '../random/seeded-random';
import { syntheticBinaryData } from '../testing/synthetic-matrix';
import { predictGbtMargins } from './gbt-model';
import { treeDepth } from './regression-tree';
import { trainGbt } from './train-gbt';

const range = (start: number, end: number) => Array.from({ length: end - start }, (_, i) => start + i);

describe('trainGbt', () => {
  const { matrix, labels } = syntheticBinaryData(6000, 8, 3);
  const train = selectRows(matrix, range(0, 4000));
  const trainLabels = labels.slice(0, 4000);
  const valid = { matrix: selectRows(matrix, range(4000, 6000)), labels: labels.slice(4000) };

  it('is deterministic for a seed, including row and feature subsampling', () => {
    const params = { numTrees: 30, subsample: 0.7, featureFraction: 0.6, seed: 7 };
    const a = trainGbt(train, trainLabels, { params });
    const b = trainGbt(train, trainLabels, { params });
    expect([...predictGbtMargins(b.model, valid.matrix)]).toEqual([...predictGbtMargins(a.model, valid.matrix)]);
    const c = trainGbt(train, trainLabels, { params: { ...params, seed: 8 } });
    expect([...predictGbtMargins(c.model, valid.matrix)]).not.toEqual([...predictGbtMargins(a.model, valid.matrix)]);
  });

  it('respects max depth and min samples per leaf', () => {
    const { model } = trainGbt(train, trainLabels, { params: { numTrees: 10, maxDepth: 3, minSamplesLeaf: 50 } });
    for (const tree of model.trees) {
      expect(treeDepth(tree)).toBeLessThanOrEqual(3);
      tree.feature.forEach((f, node) => f < 0 && expect(tree.cover[node]).toBeGreaterThanOrEqual(50));
    }
  });

  it('stops early on the validation set and keeps the best round', () => {
    const result = trainGbt(train, trainLabels, {
      params: { numTrees: 500, learningRate: 0.5, maxDepth: 6, minSamplesLeaf: 2, earlyStoppingRounds: 10 },
      validation: valid,
    });
    const losses = result.validationLogLoss;
    expect(losses.length).toBeLessThan(500);
    expect(result.model.trees).toHaveLength(result.bestIteration);
    expect(Math.min(...losses)).toBe(losses[result.bestIteration - 1]);
    expect(losses.length - result.bestIteration).toBe(10);
  });

  it('learns a default direction for missing values', () => {
    // Missing x means positive; present x carries no signal.
    const random = createSeededRandom(5);
    const x = range(0, 2000).map((i) => (i % 3 === 0 ? NaN : random.next()));
    const y = x.map((v) => (Number.isNaN(v) ? (random.next() < 0.9 ? 1 : 0) : random.next() < 0.1 ? 1 : 0));
    const { model } = trainGbt(matrixFromColumns(numericColumns(1), [x]), y, { params: { numTrees: 40, maxDepth: 1, learningRate: 0.3 } });
    const margins = predictGbtMargins(model, matrixFromColumns(numericColumns(1), [[NaN, 0.5]]));
    expect(sigmoid(margins[0]!)).toBeGreaterThan(0.85);
    expect(sigmoid(margins[1]!)).toBeLessThan(0.15);
  });

  it('trains the same trees from a float32 matrix of the same values', () => {
    const asFloat32 = { ...train, values: Float32Array.from(train.values) };
    const rounded = { ...train, values: Float64Array.from(asFloat32.values) };
    const a = trainGbt(asFloat32, trainLabels, { params: { numTrees: 10 } });
    const b = trainGbt(rounded, trainLabels, { params: { numTrees: 10 } });
    expect(a.model.trees.map((t) => [...t.threshold])).toEqual(b.model.trees.map((t) => [...t.threshold]));
  });

  it('rejects labels other than 0 and 1 and bad parameters', () => {
    expect(() => trainGbt(train, Array.from(trainLabels, () => 2))).toThrow(/must be 0 or 1/);
    expect(() => trainGbt(train, trainLabels, { params: { maxBins: 300 } })).toThrow(/maxBins/);
    expect(() => trainGbt(train, trainLabels, { params: { subsample: 0 } })).toThrow(/subsample/);
  });

  it('ranks far better than chance on held-out rows', () => {
    const { model } = trainGbt(train, trainLabels, { params: { numTrees: 100, maxDepth: 4 }, validation: valid });
    expect(rocAuc(valid.labels, predictGbtMargins(model, valid.matrix))).toBeGreaterThan(0.75);
  });
});
