import { countBelow } from '@hub/ml';

/** An empirical distribution: its sorted sample, read through binary search. */
export interface EmpiricalDistribution {
  sorted: Float64Array;
}

export function empiricalDistribution(values: readonly number[]): EmpiricalDistribution {
  return { sorted: Float64Array.from(values).sort() };
}

/** Share of the sample strictly below x. */
export function shareBelow(distribution: EmpiricalDistribution, x: number): number {
  const { sorted } = distribution;
  return sorted.length === 0 ? 0 : countBelow(sorted, x) / sorted.length;
}

/** Sample quantile by linear interpolation between order statistics (q in [0, 1]). */
export function sampleQuantile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const position = q * (sorted.length - 1);
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below]! + (sorted[above]! - sorted[below]!) * (position - below);
}
