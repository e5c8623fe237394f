import { createFeatureMatrix, numericColumns, type FeatureMatrix } from '../dataset/feature-matrix';
import { sigmoid } from '../math/logistic-functions';
import { createSeededRandom } from '../random/seeded-random';

/** Synthetic 0/1 data with a known logistic truth: non-linear terms, an interaction and 5% missing values. */
export function syntheticBinaryData(rowCount: number, featureCount: number, seed: number): { matrix: FeatureMatrix; labels: Uint8Array } {
  const random = createSeededRandom(seed);
  const matrix = createFeatureMatrix(rowCount, numericColumns(featureCount));
  const labels = new Uint8Array(rowCount);
  const v = matrix.values;
  for (let i = 0; i < rowCount; i++) {
    for (let j = 0; j < featureCount; j++) {
      const x = random.next() * 4 - 2;
      // Every fourth feature is discrete, like a count or a one-hot column.
      v[j * rowCount + i] = random.next() < 0.05 ? NaN : j % 4 === 3 ? Math.round(x) : x;
    }
    const x = (j: number): number => {
      const value = v[j * rowCount + i]!;
      return Number.isNaN(value) ? 0 : value;
    };
    const margin = -1 + 0.8 * x(0) + Math.sin(2 * x(1)) + 0.5 * x(2) * x(4) - 0.3 * x(5) ** 2 + 0.4 * (x(6) > 0.5 ? 1 : 0);
    labels[i] = random.next() < sigmoid(margin) ? 1 : 0;
  }
  return { matrix, labels };
}
