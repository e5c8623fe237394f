export function sigmoid(margin: number): number {
  // Two branches so exp never overflows for large |margin|.
  if (margin >= 0) return 1 / (1 + Math.exp(-margin));
  const e = Math.exp(margin);
  return e / (1 + e);
}

/** Probabilities are clipped to [1e-6, 1 - 1e-6] so that certain-looking scores keep a finite log-odds. */
export const PROBABILITY_CLIP = 1e-6;

export function clipProbability(p: number, eps = PROBABILITY_CLIP): number {
  return Math.min(1 - eps, Math.max(eps, p));
}

export function logit(p: number, eps = PROBABILITY_CLIP): number {
  const q = clipProbability(p, eps);
  return Math.log(q / (1 - q));
}

/** Log loss of one label given a margin, computed without forming the probability (stable for |margin| ≫ 1). */
export function marginLogLoss(label: number, margin: number): number {
  return Math.max(margin, 0) - label * margin + Math.log1p(Math.exp(-Math.abs(margin)));
}

export function meanMarginLogLoss(labels: ArrayLike<number>, margins: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < labels.length; i++) total += marginLogLoss(labels[i]!, margins[i]!);
  return total / labels.length;
}

/** Labels must be exactly 0 or 1; anything else is a caller bug that would silently skew the loss. */
export function toBinaryLabels(labels: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(labels.length);
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i];
    if (y !== 0 && y !== 1) throw new RangeError(`label at index ${i} must be 0 or 1, got ${String(y)}`);
    out[i] = y;
  }
  return out;
}
