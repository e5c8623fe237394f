/**
 * Natural (restricted) cubic splines in the truncated-power form of Hastie, Tibshirani & Friedman,
 * The Elements of Statistical Learning, eq. 5.4–5.5: with K knots the basis is x plus K − 2 cubic
 * terms, and the fitted curve is linear beyond the boundary knots, so extrapolation stays tame.
 */

/** Knots at evenly spaced quantiles between the 5th and 95th percentile (Harrell's placement), deduplicated. */
export function splineKnots(sortedValues: Float64Array, knotCount: number): number[] {
  if (sortedValues.length === 0 || knotCount < 3) return [];
  const knots: number[] = [];
  for (let k = 0; k < knotCount; k++) {
    const q = 0.05 + (0.9 * k) / (knotCount - 1);
    const v = quantileOfSorted(sortedValues, q);
    if (knots.length === 0 || v > knots[knots.length - 1]!) knots.push(v);
  }
  // Fewer than three distinct knots leave no cubic term: the caller falls back to linear.
  return knots.length >= 3 ? knots : [];
}

export function quantileOfSorted(sorted: Float64Array, q: number): number {
  const position = q * (sorted.length - 1);
  const below = Math.floor(position);
  const above = Math.min(sorted.length - 1, below + 1);
  return sorted[below]! + (position - below) * (sorted[above]! - sorted[below]!);
}

/** Number of basis columns for K knots: x itself and K − 2 cubic terms (evaluated in sparse-design.ts). */
export function splineWidth(knots: readonly number[]): number {
  return knots.length - 1;
}
