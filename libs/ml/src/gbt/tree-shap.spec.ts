import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matrixFromColumns, matrixRow, numericColumns } from '../dataset/feature-matrix';
import { predictGbtMargins } from './gbt-model';
import { childFor, isLeaf, type RegressionTree } from './regression-tree';
import { trainGbt } from './train-gbt';
import { gbtContributions } from './tree-shap';

/** v(S) = E[tree(x) | x_S] with the cover-weighted expectation that path-dependent TreeSHAP uses. */
function conditionalExpectation(tree: RegressionTree, x: number[], known: Set<number>, node = 0): number {
  if (isLeaf(tree, node)) return tree.value[node]!;
  const f = tree.feature[node]!;
  if (known.has(f)) return conditionalExpectation(tree, x, known, childFor(tree, node, x[f]!));
  const l = tree.left[node]!;
  const r = tree.right[node]!;
  return (
    (tree.cover[l]! * conditionalExpectation(tree, x, known, l) + tree.cover[r]! * conditionalExpectation(tree, x, known, r)) /
    tree.cover[node]!
  );
}

function factorial(n: number): number {
  return n <= 1 ? 1 : n * factorial(n - 1);
}

/** Exact Shapley values by enumerating every coalition: exponential, fine for four features. */
function bruteForceShapley(trees: readonly RegressionTree[], x: number[]): number[] {
  const m = x.length;
  const phi = new Array<number>(m).fill(0);
  for (let i = 0; i < m; i++) {
    for (let mask = 0; mask < 1 << m; mask++) {
      if (mask & (1 << i)) continue;
      const known = new Set<number>();
      for (let j = 0; j < m; j++) if (mask & (1 << j)) known.add(j);
      const size = known.size;
      const weight = (factorial(size) * factorial(m - size - 1)) / factorial(m);
      const withI = new Set(known).add(i);
      for (const tree of trees) {
        phi[i] += weight * (conditionalExpectation(tree, x, withI) - conditionalExpectation(tree, x, known));
      }
    }
  }
  return phi;
}

const smallData = fc.record({
  rows: fc.array(
    fc.tuple(
      fc.array(fc.oneof(fc.integer({ min: 0, max: 5 }).map((v) => v / 5), fc.constant(NaN)), { minLength: 4, maxLength: 4 }),
      fc.integer({ min: 0, max: 1 }),
    ),
    { minLength: 8, maxLength: 60 },
  ),
  depth: fc.integer({ min: 1, max: 5 }),
  seed: fc.integer(),
});

function fitSmall({ rows, depth, seed }: { rows: [number[], number][]; depth: number; seed: number }) {
  const columns = [0, 1, 2, 3].map((j) => rows.map(([x]) => x[j]!));
  const matrix = matrixFromColumns(numericColumns(4), columns);
  const labels = rows.map(([, y]) => y);
  const { model } = trainGbt(matrix, labels, {
    params: { numTrees: 5, maxDepth: depth, minSamplesLeaf: 1, learningRate: 0.5, subsample: 0.8, seed },
  });
  return { matrix, model };
}

describe('TreeSHAP', () => {
  it('sums with the bias to the margin for every row (random data, trees and missing values)', () => {
    fc.assert(
      fc.property(smallData, (data) => {
        const { matrix, model } = fitSmall(data);
        const margins = predictGbtMargins(model, matrix);
        for (let r = 0; r < matrix.rowCount; r++) {
          const { bias, contributions } = gbtContributions(model, matrixRow(matrix, r));
          const total = contributions.reduce((a, b) => a + b, bias);
          expect(Math.abs(total - margins[r]!)).toBeLessThan(1e-9);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('equals the exact Shapley values of the cover-weighted conditional expectation', () => {
    fc.assert(
      fc.property(smallData, (data) => {
        const { matrix, model } = fitSmall(data);
        for (let r = 0; r < Math.min(matrix.rowCount, 5); r++) {
          const x = [...matrixRow(matrix, r)];
          const expected = bruteForceShapley(model.trees, x);
          const { contributions } = gbtContributions(model, x);
          expected.forEach((value, j) => expect(contributions[j]).toBeCloseTo(value, 10));
        }
      }),
      { numRuns: 40 },
    );
  });

  it('gives zero to a feature the trees never use', () => {
    const x = Array.from({ length: 200 }, (_, i) => i % 10);
    const unused = Array.from({ length: 200 }, (_, i) => (i * 37) % 11);
    const labels = x.map((v, i) => (v > 4 === (i % 7 !== 0) ? 1 : 0));
    const matrix = matrixFromColumns(numericColumns(2), [x, unused]);
    const { model } = trainGbt(matrix, labels, { params: { numTrees: 10, maxDepth: 1, minSamplesLeaf: 5 } });
    expect(model.trees.every((t) => !t.feature.includes(1))).toBe(true);
    expect(gbtContributions(model, [7, 3]).contributions[1]).toBe(0);
  });
});
