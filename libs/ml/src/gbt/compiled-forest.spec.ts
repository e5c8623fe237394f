import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matrixFromColumns, numericColumns } from '../dataset/feature-matrix';
import { createSeededRandom } from '../random/seeded-random';
import { compileForest, MAX_COMPILED_DEPTH } from './compiled-forest';
import { predictGbtMargins, type GbtModel } from './gbt-model';
import { addTreeOutputs, treeDepth } from './regression-tree';
import { trainGbt } from './train-gbt';

function walkedMargins(model: GbtModel, values: Float64Array, rowCount: number): Float64Array {
  const out = new Float64Array(rowCount).fill(model.initialMargin);
  for (const tree of model.trees) addTreeOutputs(tree, values, rowCount, out);
  return out;
}

const cell = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: 0, max: 9 }).map((v) => v / 9) },
  { weight: 1, arbitrary: fc.constantFrom(NaN, Infinity, -Infinity) },
);

describe('compiled forest scoring', () => {
  it('gives exactly the margins of the plain tree walk, missing and infinite values included', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.array(cell, { minLength: 3, maxLength: 3 }), fc.integer({ min: 0, max: 1 })), { minLength: 10, maxLength: 80 }),
        fc.integer({ min: 1, max: 6 }),
        (rows, maxDepth) => {
          const matrix = matrixFromColumns(numericColumns(3), [0, 1, 2].map((j) => rows.map(([x]) => x[j]!)));
          const { model } = trainGbt(matrix, rows.map(([, y]) => y), { params: { numTrees: 8, maxDepth, minSamplesLeaf: 1, learningRate: 0.7 } });
          // Uneven depths exercise the padding of shallow branches.
          expect([...predictGbtMargins(model, matrix)]).toEqual([...walkedMargins(model, Float64Array.from(matrix.values), matrix.rowCount)]);
        },
      ),
      { numRuns: 80 },
    );
  });

  it('falls back to the walk for trees deeper than the compiled layout allows', () => {
    const random = createSeededRandom(3);
    const n = 20_000;
    const x = Array.from({ length: n }, () => random.next());
    const labels = x.map(() => (random.next() < 0.5 ? 1 : 0));
    const matrix = matrixFromColumns(numericColumns(1), [x]);
    const { model } = trainGbt(matrix, labels, { params: { numTrees: 1, maxDepth: MAX_COMPILED_DEPTH + 2, minSamplesLeaf: 1, learningRate: 1 } });
    expect(treeDepth(model.trees[0]!)).toBeGreaterThan(MAX_COMPILED_DEPTH);
    expect(compileForest(model.trees, 256)).toBeNull();
    expect([...predictGbtMargins(model, matrix)]).toEqual([...walkedMargins(model, Float64Array.from(matrix.values), n)]);
  });
});
