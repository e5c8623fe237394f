/**
 * How many entries of an ascending array are strictly below `value` (binary search): also the
 * index where `value` would be inserted before any equal entries. Percentiles, medians and
 * point-in-time counts over sorted histories all ask this.
 */
export function countBelow(sorted: ArrayLike<number>, value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! < value) low = middle + 1;
    else high = middle;
  }
  return low;
}
