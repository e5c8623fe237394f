/**
 * Reliability of probabilities: rows are binned by predicted probability and each bin's mean
 * prediction is compared with its observed positive rate.
 */

/** `uniform`: equal-width bins on [0, 1]; `quantile`: equal-mass bins (about n / bins rows each). */
export type BinningStrategy = 'uniform' | 'quantile';

export interface CalibrationBin {
  /** Bin range: the fixed edges for uniform bins, the smallest and largest prediction for quantile bins. */
  readonly lower: number;
  readonly upper: number;
  readonly meanPredicted: number;
  readonly observedRate: number;
  readonly count: number;
}

export interface CalibrationOptions {
  readonly bins?: number;
  readonly strategy?: BinningStrategy;
}

/** Non-empty bins only, in increasing order of prediction. */
export function calibrationTable(
  labels: ArrayLike<number>,
  probabilities: ArrayLike<number>,
  options: CalibrationOptions = {},
): CalibrationBin[] {
  const binCount = options.bins ?? 10;
  const n = labels.length;
  if (probabilities.length !== n) throw new RangeError(`${n} labels but ${probabilities.length} probabilities`);
  const binOf = new Int32Array(n);
  if ((options.strategy ?? 'uniform') === 'uniform') {
    for (let i = 0; i < n; i++) binOf[i] = Math.min(binCount - 1, Math.max(0, Math.floor(probabilities[i]! * binCount)));
  } else {
    const order = Int32Array.from({ length: n }, (_, i) => i).sort((i, j) => probabilities[i]! - probabilities[j]! || i - j);
    for (let k = 0; k < n; k++) binOf[order[k]!] = Math.floor((k * binCount) / n);
  }
  const counts = new Float64Array(binCount);
  const predicted = new Float64Array(binCount);
  const observed = new Float64Array(binCount);
  const lows = new Float64Array(binCount).fill(Infinity);
  const highs = new Float64Array(binCount).fill(-Infinity);
  for (let i = 0; i < n; i++) {
    const b = binOf[i]!;
    const p = probabilities[i]!;
    counts[b]++;
    predicted[b] += p;
    observed[b] += labels[i]!;
    lows[b] = Math.min(lows[b]!, p);
    highs[b] = Math.max(highs[b]!, p);
  }
  const table: CalibrationBin[] = [];
  for (let b = 0; b < binCount; b++) {
    const count = counts[b]!;
    if (count === 0) continue;
    const uniform = (options.strategy ?? 'uniform') === 'uniform';
    table.push({
      lower: uniform ? b / binCount : lows[b]!,
      upper: uniform ? (b + 1) / binCount : highs[b]!,
      meanPredicted: predicted[b]! / count,
      observedRate: observed[b]! / count,
      count,
    });
  }
  return table;
}

/** ECE = Σ_bins (rows in bin / rows) · |mean prediction − observed rate|; 10 equal-width bins by default. */
export function expectedCalibrationError(
  labels: ArrayLike<number>,
  probabilities: ArrayLike<number>,
  options: CalibrationOptions = {},
): number {
  const table = calibrationTable(labels, probabilities, options);
  let total = 0;
  let error = 0;
  for (const bin of table) {
    total += bin.count;
    error += bin.count * Math.abs(bin.meanPredicted - bin.observedRate);
  }
  return total === 0 ? NaN : error / total;
}
