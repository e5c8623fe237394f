import { logit, marginLogLoss, sigmoid, toBinaryLabels } from '../math/logistic-functions';

/** p = sigmoid(a · margin + b), fitted by maximum likelihood on held-out rows (Platt 1999). */
export interface PlattCalibrator {
  readonly type: 'platt';
  readonly a: number;
  readonly b: number;
}

function plattLoss(margins: ArrayLike<number>, labels: Uint8Array, a: number, b: number): number {
  let loss = 0;
  for (let i = 0; i < labels.length; i++) loss += marginLogLoss(labels[i]!, a * margins[i]! + b);
  return loss;
}

/**
 * Newton's method in (a, b) with step halving. The slope is constrained to a >= 0: a negative slope
 * would mean the learner ranks backwards on recent data, and silently flipping its ranking would
 * hide that; a = 0 (every row gets the base rate) makes the problem visible instead.
 */
export function fitPlatt(margins: ArrayLike<number>, labels: ArrayLike<number>): PlattCalibrator {
  const y = toBinaryLabels(labels);
  const n = y.length;
  if (n === 0 || margins.length !== n) throw new RangeError('fitPlatt needs equally long, non-empty margins and labels');
  let positives = 0;
  for (let i = 0; i < n; i++) positives += y[i]!;
  const fallback: PlattCalibrator = { type: 'platt', a: 0, b: logit(positives / n) };
  if (positives === 0 || positives === n) return fallback;

  let a = 1;
  let b = 0;
  let loss = plattLoss(margins, y, a, b);
  for (let iteration = 0; iteration < 100; iteration++) {
    let ga = 0;
    let gb = 0;
    let haa = 0;
    let hab = 0;
    let hbb = 0;
    for (let i = 0; i < n; i++) {
      const m = margins[i]!;
      const p = sigmoid(a * m + b);
      const r = p - y[i]!;
      const w = Math.max(p * (1 - p), 1e-12);
      ga += r * m;
      gb += r;
      haa += w * m * m;
      hab += w * m;
      hbb += w;
    }
    // A whisper of ridge keeps the 2 × 2 system solvable when all margins coincide.
    haa += 1e-9;
    hbb += 1e-9;
    const det = haa * hbb - hab * hab;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    if (Math.abs(da) < 1e-12 && Math.abs(db) < 1e-12) break;
    let t = 1;
    let improved = false;
    for (let halving = 0; halving < 40; halving++, t /= 2) {
      const next = plattLoss(margins, y, a - t * da, b - t * db);
      if (next <= loss) {
        a -= t * da;
        b -= t * db;
        improved = loss - next > 1e-13 * Math.max(1, loss);
        loss = next;
        break;
      }
    }
    if (!improved) break;
  }
  return a >= 0 ? { type: 'platt', a, b } : fallback;
}

export function applyPlatt(calibrator: PlattCalibrator, margin: number): number {
  return sigmoid(calibrator.a * margin + calibrator.b);
}
