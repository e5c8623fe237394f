import { countBelow } from '@hub/ml';

/** Number of entries of an ascending array strictly below `t` (binary search). */
export function countBefore(times: readonly number[] | Float64Array, t: number): number {
  return countBelow(times, t);
}
