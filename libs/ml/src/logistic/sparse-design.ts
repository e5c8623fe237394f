import type { FeatureMatrix } from '../dataset/feature-matrix';
import { designWidth, termWidth, type DesignBasis } from './design-basis';

/** Design rows in compressed sparse row form; zeros are not stored. */
export interface SparseRows {
  /** Row i's entries are [rowStart[i], rowStart[i + 1]), in increasing column order. */
  readonly rowStart: Int32Array;
  readonly column: Int32Array;
  readonly value: Float64Array;
}

export function createSparseRows(rows: number, maxEntriesPerRow: number): SparseRows {
  return {
    rowStart: new Int32Array(rows + 1),
    column: new Int32Array(rows * maxEntriesPerRow),
    value: new Float64Array(rows * maxEntriesPerRow),
  };
}

/** At most this many entries per design row: every column of every term, and the interactions. */
export function maxRowEntries(basis: DesignBasis): number {
  return designWidth(basis);
}

const LINEAR = 0;
const SPLINE = 1;
const BINNED = 2;

/**
 * The basis as parallel typed arrays. The design is rebuilt on every solver pass, and reading the
 * term objects (whose shapes differ by basis) in the row loop made V8's property access megamorphic:
 * this layout made filling ~3× faster.
 */
interface CompiledBasis {
  readonly kind: Int32Array;
  readonly source: Int32Array;
  readonly firstColumn: Int32Array;
  readonly coreWidth: Int32Array;
  /** Design column of the missing indicator, or -1. */
  readonly missingColumn: Int32Array;
  readonly fill: Float64Array;
  readonly center: Float64Array;
  readonly lower: Float64Array;
  readonly upper: Float64Array;
  /** Knots (spline) or cut points (binned) of term t: points[pointStart[t], pointStart[t + 1]). */
  readonly pointStart: Int32Array;
  readonly points: Float64Array;
  readonly interactionA: Int32Array;
  readonly interactionB: Int32Array;
  readonly interactionColumn: Int32Array;
}

const compiledBases = new WeakMap<DesignBasis, CompiledBasis>();

function compileBasis(basis: DesignBasis): CompiledBasis {
  const cached = compiledBases.get(basis);
  if (cached) return cached;
  const terms = basis.terms;
  const firstColumn = new Int32Array(terms.length);
  const pointStart = new Int32Array(terms.length + 1);
  const points: number[] = [];
  let c = 0;
  terms.forEach((term, t) => {
    firstColumn[t] = c;
    c += termWidth(term);
    points.push(...(term.knots ?? term.cutPoints ?? []));
    pointStart[t + 1] = points.length;
  });
  const compiled: CompiledBasis = {
    kind: Int32Array.from(terms, (t) => (t.basis === 'spline' ? SPLINE : t.basis === 'binned' ? BINNED : LINEAR)),
    source: Int32Array.from(terms, (t) => t.column),
    firstColumn,
    coreWidth: Int32Array.from(terms, (t) => termWidth(t) - (t.missingIndicator ? 1 : 0)),
    missingColumn: Int32Array.from(terms, (t, k) => (t.missingIndicator ? firstColumn[k]! + termWidth(t) - 1 : -1)),
    fill: Float64Array.from(terms, (t) => t.fillValue),
    center: Float64Array.from(terms, (t) => t.center),
    lower: Float64Array.from(terms, (t) => t.lower),
    upper: Float64Array.from(terms, (t) => t.upper),
    pointStart,
    points: Float64Array.from(points),
    interactionA: Int32Array.from(basis.interactions, (i) => i.columns[0]),
    interactionB: Int32Array.from(basis.interactions, (i) => i.columns[1]),
    interactionColumn: Int32Array.from(basis.interactions, (_, k) => c + k),
  };
  compiledBases.set(basis, compiled);
  return compiled;
}

const cube = (v: number): number => (v > 0 ? v * v * v : 0);

/**
 * Writes the design rows of matrix rows [start, end) into `out` (block row i = matrix row start + i).
 * Sparse because most entries are zero: nine bins of ten, the missing indicators, the cubic spline
 * terms below their knot, and imputed values (centred to zero).
 *
 * Natural cubic spline columns follow Hastie, Tibshirani & Friedman, ESL eq. 5.4–5.5: x, then for
 * k < K − 2, (d_k(x) − d_{K−2}(x)) / (ξ_{K−1} − ξ_0)² with d_k(x) = ((x − ξ_k)₊³ − (x − ξ_{K−1})₊³) / (ξ_{K−1} − ξ_k).
 */
export function fillDesignRows(basis: DesignBasis, matrix: FeatureMatrix, start: number, end: number, out: SparseRows): void {
  const b = compileBasis(basis);
  const n = matrix.rowCount;
  const values = matrix.values;
  const { rowStart, column, value } = out;
  const termCount = b.kind.length;
  const interactions = b.interactionA.length;
  // Cleaned (imputed, clipped) value per term for the current row, reused by interactions.
  const cleaned = new Float64Array(termCount);
  let e = 0;
  for (let r = start; r < end; r++) {
    rowStart[r - start] = e;
    for (let t = 0; t < termCount; t++) {
      const raw = values[b.source[t]! * n + r]!;
      const missing = !(raw - raw === 0);
      const x = missing ? b.fill[t]! : raw < b.lower[t]! ? b.lower[t]! : raw > b.upper[t]! ? b.upper[t]! : raw;
      cleaned[t] = x;
      const c = b.firstColumn[t]!;
      const kind = b.kind[t]!;
      if (kind === LINEAR) {
        const centred = x - b.center[t]!;
        if (centred !== 0) {
          column[e] = c;
          value[e++] = centred;
        }
      } else if (kind === SPLINE) {
        const ks = b.pointStart[t]!;
        const K = b.pointStart[t + 1]! - ks;
        const first = b.points[ks]!;
        const last = b.points[ks + K - 1]!;
        const secondLast = b.points[ks + K - 2]!;
        const scale = (last - first) * (last - first);
        const tail = cube(x - last);
        const dLast = (cube(x - secondLast) - tail) / (last - secondLast);
        const centred = x - b.center[t]!;
        if (centred !== 0) {
          column[e] = c;
          value[e++] = centred;
        }
        for (let k = 0; k < K - 2; k++) {
          const knot = b.points[ks + k]!;
          if (x <= knot) break; // every later term is zero too: knots increase
          column[e] = c + k + 1;
          value[e++] = ((cube(x - knot) - tail) / (last - knot) - dLast) / scale;
        }
      } else {
        let lo = b.pointStart[t]!;
        let hi = b.pointStart[t + 1]!;
        const from = lo;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (x <= b.points[mid]!) hi = mid;
          else lo = mid + 1;
        }
        column[e] = c + lo - from;
        value[e++] = 1;
      }
      if (missing && b.missingColumn[t]! >= 0) {
        column[e] = b.missingColumn[t]!;
        value[e++] = 1;
      }
    }
    for (let k = 0; k < interactions; k++) {
      const ta = b.interactionA[k]!;
      const tb = b.interactionB[k]!;
      const product = (cleaned[ta]! - b.center[ta]!) * (cleaned[tb]! - b.center[tb]!);
      if (product !== 0) {
        column[e] = b.interactionColumn[k]!;
        value[e++] = product;
      }
    }
  }
  rowStart[end - start] = e;
}

/** One design row as a dense vector. */
export function denseDesignRow(basis: DesignBasis, matrix: FeatureMatrix, row: number): Float64Array {
  const sparse = createSparseRows(1, maxRowEntries(basis));
  fillDesignRows(basis, matrix, row, row + 1, sparse);
  const dense = new Float64Array(designWidth(basis));
  for (let k = 0; k < sparse.rowStart[1]!; k++) dense[sparse.column[k]!] = sparse.value[k]!;
  return dense;
}
