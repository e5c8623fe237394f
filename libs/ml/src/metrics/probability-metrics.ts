/** Proper scoring rules for predicted probabilities of 0/1 labels. */

function checkLengths(labels: ArrayLike<number>, probabilities: ArrayLike<number>): void {
  if (labels.length !== probabilities.length) {
    throw new RangeError(`${labels.length} labels but ${probabilities.length} probabilities`);
  }
}

/** Mean negative log-likelihood; probabilities are clipped to [eps, 1 − eps] so a confident miss costs a finite amount. */
export function logLoss(labels: ArrayLike<number>, probabilities: ArrayLike<number>, eps = 1e-15): number {
  checkLengths(labels, probabilities);
  let total = 0;
  for (let i = 0; i < labels.length; i++) {
    const p = Math.min(1 - eps, Math.max(eps, probabilities[i]!));
    total -= labels[i] === 1 ? Math.log(p) : Math.log(1 - p);
  }
  return total / labels.length;
}

/** Mean squared difference between probability and label. */
export function brierScore(labels: ArrayLike<number>, probabilities: ArrayLike<number>): number {
  checkLengths(labels, probabilities);
  let total = 0;
  for (let i = 0; i < labels.length; i++) total += (probabilities[i]! - labels[i]!) ** 2;
  return total / labels.length;
}
