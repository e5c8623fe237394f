import { marginLogLoss, sigmoid } from '../math/logistic-functions';
import { createSparseRows, type SparseRows } from './sparse-design';
import {
  applyWhitening,
  fitGroupWhitening,
  groupStarts,
  unwhitenCoefficients,
  whitenSymmetric,
  type GroupWhitening,
} from './group-whitening';

/**
 * L2-penalised logistic regression by Newton's method (IRLS) with step halving, on a sparse design
 * produced block by block (never materialised: 200k rows × 390 bin columns would be 600 MB dense),
 * in whitened coordinates (see group-whitening.ts for what the penalty means).
 *
 * The gradient and loss use every row. The Hessian uses every row too unless that would cost more
 * than ~10⁸ multiply-adds, in which case it is estimated from an evenly spaced subsample of at
 * least 10,000 rows, and after the first three steps it is refreshed only every other step. Newton's
 * method only needs the Hessian's shape: with an approximate one it still converges (linearly, at
 * a rate set by the approximation error, ~10% here), and the stopping rule stays exact because it
 * is driven by the full gradient.
 */
export interface LogisticProblem {
  readonly rowCount: number;
  /** Design columns, excluding the intercept. */
  readonly width: number;
  /** Group id of each design column; a group's columns are contiguous. */
  readonly groups: ArrayLike<number>;
  readonly labels: Uint8Array;
  /** Upper bound on the entries of one design row. */
  readonly maxRowEntries: number;
  /** Writes design rows [start, end) into `out`, entries in increasing column order. */
  readonly fillRows: (start: number, end: number, out: SparseRows) => void;
  /** Penalty λ: loss = Σ log loss + λ/2 · ||γ||² over whitened coefficients; the intercept is free. */
  readonly l2: number;
  readonly maxIterations: number;
  /** Stop when the Newton decrement per row falls below this. */
  readonly tolerance: number;
}

export interface LogisticSolution {
  /** Raw-scale fit: margin = intercept + Σ coefficients[j] · x_j. */
  readonly intercept: number;
  readonly coefficients: Float64Array;
  /** Training means of the design columns (the reference point of the contributions). */
  readonly means: Float64Array;
  readonly iterations: number;
  readonly converged: boolean;
}

const BLOCK_ROWS = 1024;
const HESSIAN_BUDGET = 1e8;
const MIN_HESSIAN_ROWS = 10_000;

function forEachBlock(problem: LogisticProblem, rows: SparseRows, visit: (start: number, count: number) => void): void {
  for (let start = 0; start < problem.rowCount; start += BLOCK_ROWS) {
    const end = Math.min(problem.rowCount, start + BLOCK_ROWS);
    problem.fillRows(start, end, rows);
    visit(start, end - start);
  }
}

/** One pass: column means, within-group covariances and the mean number of entries per row. */
function designMoments(problem: LogisticProblem, rows: SparseRows, starts: Int32Array) {
  const { rowCount: n, width: p } = problem;
  const groupOf = new Int32Array(p);
  for (let g = 0; g + 1 < starts.length; g++) groupOf.fill(g, starts[g]!, starts[g + 1]!);
  const sums = new Float64Array(p);
  const products = Array.from({ length: starts.length - 1 }, (_, g) => new Float64Array((starts[g + 1]! - starts[g]!) ** 2));
  let entries = 0;
  forEachBlock(problem, rows, (_, count) => {
    const { rowStart, column, value } = rows;
    entries += rowStart[count]!;
    for (let i = 0; i < count; i++) {
      const end = rowStart[i + 1]!;
      for (let e1 = rowStart[i]!; e1 < end; e1++) {
        const c1 = column[e1]!;
        const v1 = value[e1]!;
        sums[c1] += v1;
        const g = groupOf[c1]!;
        const s = starts[g]!;
        const size = starts[g + 1]! - s;
        // Entries are in column order, so the rest of this group's entries follow directly.
        for (let e2 = e1; e2 < end && groupOf[column[e2]!] === g; e2++) products[g]![(column[e2]! - s) * size + (c1 - s)] += v1 * value[e2]!;
      }
    }
  });
  const means = sums.map((sum) => sum / n);
  const covariances = products.map((prod, g) => {
    const s = starts[g]!;
    const size = starts[g + 1]! - s;
    for (let a = 0; a < size; a++) for (let b = 0; b <= a; b++) prod[a * size + b] = prod[a * size + b]! / n - means[s + a]! * means[s + b]!;
    return prod;
  });
  return { means, covariances, averageEntries: entries / n };
}

/** Solves A x = b in place for symmetric positive-definite A (row-major q × q); b becomes x. */
export function choleskySolve(a: Float64Array, b: Float64Array, q: number): void {
  for (let j = 0; j < q; j++) {
    let d = a[j * q + j]!;
    for (let k = 0; k < j; k++) d -= a[j * q + k]! * a[j * q + k]!;
    if (!(d > 0)) throw new RangeError('Hessian is not positive definite; increase l2');
    const root = Math.sqrt(d);
    a[j * q + j] = root;
    for (let i = j + 1; i < q; i++) {
      let s = a[i * q + j]!;
      for (let k = 0; k < j; k++) s -= a[i * q + k]! * a[j * q + k]!;
      a[i * q + j] = s / root;
    }
  }
  for (let i = 0; i < q; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= a[i * q + k]! * b[k]!;
    b[i] = s / a[i * q + i]!;
  }
  for (let i = q - 1; i >= 0; i--) {
    let s = b[i]!;
    for (let k = i + 1; k < q; k++) s -= a[k * q + i]! * b[k]!;
    b[i] = s / a[i * q + i]!;
  }
}

interface Pass {
  readonly loss: number;
  readonly gradient: Float64Array;
  readonly hessian: Float64Array;
}

/** Penalised loss, gradient and (estimated) Hessian at γ (index 0 = intercept), in whitened coordinates. */
function evaluate(
  problem: LogisticProblem,
  gamma: Float64Array,
  whitening: GroupWhitening,
  rows: SparseRows,
  hessianStride: number,
  previous: Pass | null,
): Pass {
  const { rowCount: n, width: p, labels, l2 } = problem;
  const { means } = whitening;
  const q = p + 1;
  const beta = unwhitenCoefficients(whitening, gamma.subarray(1));
  let offset = gamma[0]!;
  for (let j = 0; j < p; j++) offset -= beta[j]! * means[j]!;

  let loss = 0;
  let residualSum = 0;
  const residualByColumn = new Float64Array(p);
  let weightSum = 0;
  let hessianRows = 0;
  const weightedByColumn = new Float64Array(p);
  const squares = new Float64Array(p * p); // upper triangle of Σ w x xᵀ
  forEachBlock(problem, rows, (start, count) => {
    const { rowStart, column, value } = rows;
    for (let i = 0; i < count; i++) {
      const from = rowStart[i]!;
      const to = rowStart[i + 1]!;
      let margin = offset;
      for (let e = from; e < to; e++) margin += beta[column[e]!]! * value[e]!;
      const y = labels[start + i]!;
      const prob = sigmoid(margin);
      loss += marginLogLoss(y, margin);
      const r = prob - y;
      residualSum += r;
      for (let e = from; e < to; e++) residualByColumn[column[e]!] += r * value[e]!;
      if (previous || (start + i) % hessianStride !== 0) continue;
      const w = Math.max(prob * (1 - prob), 1e-12);
      weightSum += w;
      hessianRows++;
      for (let e1 = from; e1 < to; e1++) {
        const wv = w * value[e1]!;
        const c1 = column[e1]!;
        weightedByColumn[c1] += wv;
        const row = c1 * p;
        for (let e2 = e1; e2 < to; e2++) squares[row + column[e2]!] += wv * value[e2]!;
      }
    }
  });

  const gradientRest = Float64Array.from({ length: p }, (_, j) => residualByColumn[j]! - means[j]! * residualSum);
  applyWhitening(whitening, gradientRest);
  const gradient = new Float64Array(q);
  gradient[0] = residualSum;
  for (let j = 0; j < p; j++) {
    const g = gamma[j + 1]!;
    loss += 0.5 * l2 * g * g;
    gradient[j + 1] = gradientRest[j]! + l2 * g;
  }
  if (previous) return { loss, gradient, hessian: previous.hessian };

  // Centre analytically: Σ w (x − μ)(x − μ)ᵀ = S − μaᵀ − aμᵀ + (Σw) μμᵀ, scaled up from the subsample.
  const scale = n / hessianRows;
  const centred = new Float64Array(p * p);
  for (let j = 0; j < p; j++) {
    for (let k = j; k < p; k++) {
      const v =
        scale * (squares[j * p + k]! - means[j]! * weightedByColumn[k]! - weightedByColumn[j]! * means[k]! + weightSum * means[j]! * means[k]!);
      centred[j * p + k] = v;
      centred[k * p + j] = v;
    }
  }
  whitenSymmetric(whitening, centred, p);
  const cross = Float64Array.from({ length: p }, (_, j) => scale * (weightedByColumn[j]! - means[j]! * weightSum));
  applyWhitening(whitening, cross);

  const hessian = new Float64Array(q * q);
  hessian[0] = scale * weightSum;
  for (let j = 0; j < p; j++) {
    hessian[j + 1] = cross[j]!;
    hessian[(j + 1) * q] = cross[j]!;
    for (let k = 0; k < p; k++) hessian[(j + 1) * q + k + 1] = centred[j * p + k]!;
    // Dependent columns are whitened to zero; a unit diagonal keeps the system solvable even at λ = 0.
    hessian[(j + 1) * q + j + 1] += whitening.dependent[j] ? 1 : l2;
  }
  return { loss, gradient, hessian };
}

export function solveLogistic(problem: LogisticProblem): LogisticSolution {
  const { rowCount: n, width: p, labels } = problem;
  if (n === 0) throw new RangeError('cannot fit logistic regression on zero rows');
  const q = p + 1;
  const rows = createSparseRows(BLOCK_ROWS, problem.maxRowEntries);
  const starts = groupStarts(problem.groups, p);
  const moments = designMoments(problem, rows, starts);
  const whitening = fitGroupWhitening(moments.means, starts, moments.covariances);
  const perRow = (moments.averageEntries * (moments.averageEntries + 1)) / 2;
  const hessianRowTarget = Math.min(n, Math.max(MIN_HESSIAN_ROWS, Math.floor(HESSIAN_BUDGET / Math.max(perRow, 1))));
  const hessianStride = Math.max(1, Math.ceil(n / hessianRowTarget));

  let positives = 0;
  for (let i = 0; i < n; i++) positives += labels[i]!;
  const rate = Math.min(1 - 1e-6, Math.max(1e-6, positives / n));
  let gamma = new Float64Array(q);
  gamma[0] = Math.log(rate / (1 - rate));
  let pass = evaluate(problem, gamma, whitening, rows, hessianStride, null);
  let iterations = 0;
  let converged = false;
  while (iterations < problem.maxIterations) {
    iterations++;
    const step = pass.gradient.slice();
    choleskySolve(pass.hessian.slice(), step, q);
    let decrement = 0;
    for (let j = 0; j < q; j++) decrement += step[j]! * pass.gradient[j]!;
    if (decrement / (2 * n) < problem.tolerance) {
      converged = true;
      break;
    }
    // Full Newton step first; halve while the penalised loss does not decrease.
    let t = 1;
    let accepted = false;
    const reuseHessian = iterations > 3 && iterations % 2 === 0;
    for (let halving = 0; halving < 30 && !accepted; halving++, t /= 2) {
      const candidate = gamma.map((g, j) => g - t * step[j]!);
      const next = evaluate(problem, candidate, whitening, rows, hessianStride, reuseHessian ? pass : null);
      if (next.loss <= pass.loss) {
        gamma = candidate;
        pass = next;
        accepted = true;
      }
    }
    if (!accepted) {
      converged = true; // no descent left at floating-point precision
      break;
    }
  }

  const coefficients = unwhitenCoefficients(whitening, gamma.subarray(1));
  let intercept = gamma[0]!;
  for (let j = 0; j < p; j++) intercept -= coefficients[j]! * whitening.means[j]!;
  return { intercept, coefficients, means: whitening.means, iterations, converged };
}
