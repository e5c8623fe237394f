import type { FeatureMatrix } from '../dataset/feature-matrix';
import { sampleWithoutReplacement, type SeededRandom } from '../random/seeded-random';

/** Bin code of a missing (non-finite) value; real bins use 0..254, so a feature has at most 255. */
export const MISSING_BIN = 255;
export const MAX_BINS = 255;
/** Quantiles are estimated on at most this many rows, as LightGBM does (bin_construct_sample_cnt). */
const BIN_SAMPLE_SIZE = 200_000;

/**
 * Per feature, the upper bounds of its bins: a finite value x falls into the first bin b with
 * x <= upperBounds[b]; the last bound is +Infinity. Bounds sit midway between neighbouring distinct
 * training values, so a split "bin <= b" is exactly the test "x <= upperBounds[b]" at scoring time.
 */
export interface BinnedDataset {
  readonly rowCount: number;
  readonly featureCount: number;
  /**
   * Row-major bin codes, row i at [i * featureCount, (i + 1) * featureCount). Row-major because
   * histogram building then adds one row to every feature's histogram at once: consecutive updates
   * hit different histograms, which runs about twice as fast as a feature-by-feature scan.
   */
  readonly bins: Uint8Array;
  /** The same codes column-major: partitioning a node reads one feature of many rows. */
  readonly binsByColumn: Uint8Array;
  readonly upperBounds: readonly Float64Array[];
}

/** Bounds for sorted finite values: distinct values get their own bin when they fit, else equal-count bins. */
export function binUpperBounds(sortedValues: Float64Array, maxBins: number): Float64Array {
  const distinct = new Float64Array(sortedValues.length);
  const counts = new Int32Array(sortedValues.length);
  let k = 0;
  for (let i = 0; i < sortedValues.length; i++) {
    const v = sortedValues[i]!;
    if (k > 0 && distinct[k - 1] === v) counts[k - 1]!++;
    else {
      distinct[k] = v;
      counts[k++] = 1;
    }
  }
  const bounds: number[] = [];
  if (k <= maxBins) {
    for (let i = 0; i + 1 < k; i++) bounds.push((distinct[i]! + distinct[i + 1]!) / 2);
  } else {
    let remaining = sortedValues.length;
    let binsLeft = maxBins;
    let inBin = 0;
    for (let i = 0; i + 1 < k && binsLeft > 1; i++) {
      inBin += counts[i]!;
      const target = remaining / binsLeft;
      // Close the bin here when taking the next value would overshoot the target more than
      // stopping undershoots it; this also gives a heavy value (say, many zeros) a bin of its own.
      if (inBin + counts[i + 1]! / 2 > target) {
        bounds.push((distinct[i]! + distinct[i + 1]!) / 2);
        remaining -= inBin;
        binsLeft--;
        inBin = 0;
      }
    }
  }
  bounds.push(Infinity);
  return Float64Array.from(bounds);
}

export function binOf(value: number, upperBounds: Float64Array): number {
  if (!Number.isFinite(value)) return MISSING_BIN;
  let lo = 0;
  let hi = upperBounds.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (value <= upperBounds[mid]!) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export function binMatrix(matrix: FeatureMatrix, maxBins: number, random: SeededRandom): BinnedDataset {
  if (maxBins < 2 || maxBins > MAX_BINS) throw new RangeError(`maxBins must be in [2, ${MAX_BINS}], got ${maxBins}`);
  const n = matrix.rowCount;
  const featureCount = matrix.columns.length;
  const sample = n > BIN_SAMPLE_SIZE ? sampleWithoutReplacement(random, n, BIN_SAMPLE_SIZE) : null;
  const bins = new Uint8Array(n * featureCount);
  const binsByColumn = new Uint8Array(n * featureCount);
  const upperBounds: Float64Array[] = [];
  const scratch = new Float64Array(sample ? sample.length : n);
  for (let j = 0; j < featureCount; j++) {
    const base = j * n;
    let finite = 0;
    const sampleSize = sample ? sample.length : n;
    for (let s = 0; s < sampleSize; s++) {
      const v = matrix.values[base + (sample ? sample[s]! : s)]!;
      if (Number.isFinite(v)) scratch[finite++] = v;
    }
    const bounds = binUpperBounds(scratch.slice(0, finite).sort(), maxBins);
    upperBounds.push(bounds);
    for (let i = 0; i < n; i++) {
      const bin = binOf(matrix.values[base + i]!, bounds);
      binsByColumn[base + i] = bin;
      bins[i * featureCount + j] = bin;
    }
  }
  return { rowCount: n, featureCount, bins, binsByColumn, upperBounds };
}
