/** Metrics of how well scores rank positives above negatives. Labels are 0/1; NaN when undefined. */

function checkLengths(labels: ArrayLike<number>, scores: ArrayLike<number>): void {
  if (labels.length !== scores.length) throw new RangeError(`${labels.length} labels but ${scores.length} scores`);
}

function orderByScore(scores: ArrayLike<number>, descending: boolean): Int32Array {
  const order = Int32Array.from({ length: scores.length }, (_, i) => i);
  const sign = descending ? -1 : 1;
  return order.sort((i, j) => sign * (scores[i]! - scores[j]!) || i - j);
}

export function baseRate(labels: ArrayLike<number>): number {
  let positives = 0;
  for (let i = 0; i < labels.length; i++) positives += labels[i]!;
  return labels.length === 0 ? NaN : positives / labels.length;
}

/**
 * Area under the ROC curve via the Mann–Whitney rank sum with mid-ranks for ties, i.e. the
 * probability that a random positive outscores a random negative, counting a tie as one half.
 */
export function rocAuc(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  checkLengths(labels, scores);
  const order = orderByScore(scores, false);
  const n = order.length;
  let positives = 0;
  let positiveRankSum = 0;
  for (let start = 0; start < n; ) {
    let end = start + 1;
    while (end < n && scores[order[end]!] === scores[order[start]!]) end++;
    const midRank = (start + 1 + end) / 2; // ranks are 1-based: the group holds ranks start+1 … end
    for (let k = start; k < end; k++) {
      if (labels[order[k]!] === 1) {
        positives++;
        positiveRankSum += midRank;
      }
    }
    start = end;
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return NaN;
  return (positiveRankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/**
 * Average precision (the step-wise area under the precision–recall curve, as scikit-learn defines
 * it): Σ over distinct score thresholds of precision × the recall gained there. Tied scores form
 * one threshold, so the result does not depend on the order of tied rows.
 */
export function averagePrecision(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  checkLengths(labels, scores);
  const order = orderByScore(scores, true);
  const n = order.length;
  let totalPositives = 0;
  for (let i = 0; i < n; i++) totalPositives += labels[i]!;
  if (totalPositives === 0) return NaN;
  let truePositives = 0;
  let seen = 0;
  let ap = 0;
  for (let start = 0; start < n; ) {
    let end = start;
    let gained = 0;
    while (end < n && scores[order[end]!] === scores[order[start]!]) gained += labels[order[end++]!]!;
    truePositives += gained;
    seen = end;
    ap += (truePositives / seen) * (gained / totalPositives);
    start = end;
  }
  return ap;
}

/**
 * Positive rate among the top `fraction` of rows by score, divided by the overall rate. Rows tied
 * at the cut-off count in proportion to the share of their group that fits, so ties never depend
 * on row order.
 */
export function liftAtTop(labels: ArrayLike<number>, scores: ArrayLike<number>, fraction = 0.1): number {
  checkLengths(labels, scores);
  const n = labels.length;
  const rate = baseRate(labels);
  if (n === 0 || !(rate > 0)) return NaN;
  const order = orderByScore(scores, true);
  const take = fraction * n;
  let taken = 0;
  let positives = 0;
  for (let start = 0; start < n && taken < take; ) {
    let end = start;
    let groupPositives = 0;
    while (end < n && scores[order[end]!] === scores[order[start]!]) groupPositives += labels[order[end++]!]!;
    const size = end - start;
    const share = Math.min(1, (take - taken) / size);
    positives += share * groupPositives;
    taken += share * size;
    start = end;
  }
  return positives / taken / rate;
}
