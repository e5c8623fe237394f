import { toBinaryLabels } from '../math/logistic-functions';

/**
 * Isotonic calibration: the non-decreasing step function of the margin that best fits the labels in
 * squared error (pool adjacent violators), linearly interpolated between block ends as scikit-learn
 * does, and flat beyond the fitted range.
 */
export interface IsotonicCalibrator {
  readonly type: 'isotonic';
  /** Strictly increasing margins. */
  readonly x: readonly number[];
  /** Non-decreasing probabilities in [0, 1] at those margins. */
  readonly y: readonly number[];
}

export function fitIsotonic(margins: ArrayLike<number>, labels: ArrayLike<number>): IsotonicCalibrator {
  const y = toBinaryLabels(labels);
  const n = y.length;
  if (n === 0 || margins.length !== n) throw new RangeError('fitIsotonic needs equally long, non-empty margins and labels');
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => margins[i]! - margins[j]!);

  // Blocks as parallel stacks: label sum, row count, smallest and largest margin.
  const sums: number[] = [];
  const counts: number[] = [];
  const lows: number[] = [];
  const highs: number[] = [];
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    const x = margins[i]!;
    const top = sums.length - 1;
    if (top >= 0 && highs[top] === x) {
      // Tied margins must share one value, so they join the same block before any pooling.
      sums[top]! += y[i]!;
      counts[top]!++;
    } else {
      sums.push(y[i]!);
      counts.push(1);
      lows.push(x);
      highs.push(x);
    }
    // Pool while the newest block's mean is not above its predecessor's (equal means merge too,
    // which changes nothing in the fit but keeps the stored knots few).
    while (sums.length > 1) {
      const last = sums.length - 1;
      if (sums[last - 1]! / counts[last - 1]! < sums[last]! / counts[last]!) break;
      sums[last - 1]! += sums[last]!;
      counts[last - 1]! += counts[last]!;
      highs[last - 1] = highs[last]!;
      sums.pop();
      counts.pop();
      lows.pop();
      highs.pop();
    }
  }
  const xs: number[] = [];
  const ys: number[] = [];
  for (let b = 0; b < sums.length; b++) {
    const value = sums[b]! / counts[b]!;
    xs.push(lows[b]!);
    ys.push(value);
    if (highs[b]! > lows[b]!) {
      xs.push(highs[b]!);
      ys.push(value);
    }
  }
  return { type: 'isotonic', x: xs, y: ys };
}

export function applyIsotonic(calibrator: IsotonicCalibrator, margin: number): number {
  const { x, y } = calibrator;
  const last = x.length - 1;
  if (Number.isNaN(margin)) return NaN;
  if (margin <= x[0]!) return y[0]!;
  if (margin >= x[last]!) return y[last]!;
  let lo = 0;
  let hi = last;
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (x[mid]! <= margin) lo = mid;
    else hi = mid;
  }
  const t = (margin - x[lo]!) / (x[hi]! - x[lo]!);
  return y[lo]! + t * (y[hi]! - y[lo]!);
}
