import { columnValues, type FeatureMatrix } from '../dataset/feature-matrix';
import { splineKnots, quantileOfSorted, splineWidth } from './spline-basis';

export type NumericBasis = 'linear' | 'spline' | 'binned';

/** How one encoded column enters the logistic model. */
export interface ColumnTerm {
  readonly column: number;
  readonly basis: NumericBasis;
  /** Training mean, used for missing values. */
  readonly fillValue: number;
  /**
   * Subtracted from the value in the design: the mean for numeric columns, so that the solver's
   * sums of squares do not cancel catastrophically on large raw values (amounts, timestamps);
   * 0 for indicators, which keeps them sparse.
   */
  readonly center: number;
  /** Present when the column had missing values in training: "was missing" gets its own coefficient. */
  readonly missingIndicator: boolean;
  /** Training range; values outside are clipped so that a wild input cannot produce a wild score. */
  readonly lower: number;
  readonly upper: number;
  readonly knots?: readonly number[];
  /** Binned basis: bin b holds values in (cutPoints[b-1], cutPoints[b]]. */
  readonly cutPoints?: readonly number[];
}

/** Product of two encoded columns (after imputation, clipping and centring). */
export interface InteractionTerm {
  readonly columns: readonly [number, number];
  readonly name: string;
}

export interface DesignBasis {
  readonly terms: readonly ColumnTerm[];
  readonly interactions: readonly InteractionTerm[];
}

export interface DesignBasisOptions {
  readonly numericBasis: NumericBasis;
  readonly splineKnots: number;
  readonly bins: number;
  /** Pairs of encoded column names or source feature names (a source stands for all its columns). */
  readonly interactions: readonly (readonly [string, string])[];
}

export function termWidth(term: ColumnTerm): number {
  const core = term.basis === 'spline' ? splineWidth(term.knots!) : term.basis === 'binned' ? term.cutPoints!.length + 1 : 1;
  return core + (term.missingIndicator ? 1 : 0);
}

export function designWidth(basis: DesignBasis): number {
  return basis.terms.reduce((sum, term) => sum + termWidth(term), 0) + basis.interactions.length;
}

/** Names of the design columns, e.g. `amount`, `amount:spline2`, `amount:bin3`, `amount:missing`, `a × b`. */
export function designColumnNames(basis: DesignBasis, columnNames: readonly string[]): string[] {
  const names: string[] = [];
  for (const term of basis.terms) {
    const name = columnNames[term.column]!;
    const core = termWidth(term) - (term.missingIndicator ? 1 : 0);
    if (term.basis === 'linear') names.push(name);
    else for (let k = 0; k < core; k++) names.push(`${name}:${term.basis === 'spline' ? 'spline' : 'bin'}${k}`);
    if (term.missingIndicator) names.push(`${name}:missing`);
  }
  for (const interaction of basis.interactions) names.push(interaction.name);
  return names;
}

function resolveColumns(matrix: FeatureMatrix, name: string): number[] {
  const exact = matrix.columns.findIndex((c) => c.name === name);
  if (exact >= 0) return [exact];
  const bySource = matrix.columns.flatMap((c, j) => (c.source === name ? [j] : []));
  if (bySource.length === 0) throw new RangeError(`interaction names unknown feature "${name}"`);
  return bySource;
}

/** Knots and cut points are quantiles estimated on at most this many evenly spaced rows. */
const QUANTILE_SAMPLE = 20_000;

function observedSummary(values: ArrayLike<number>) {
  let count = 0;
  let sum = 0;
  let lower = Infinity;
  let upper = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!(v - v === 0)) continue;
    count++;
    sum += v;
    if (v < lower) lower = v;
    if (v > upper) upper = v;
  }
  return count === 0 ? { count, mean: 0, lower: 0, upper: 0 } : { count, mean: sum / count, lower, upper };
}

function sortedSample(values: ArrayLike<number>): Float64Array {
  const stride = Math.max(1, Math.ceil(values.length / QUANTILE_SAMPLE));
  const sample: number[] = [];
  for (let i = 0; i < values.length; i += stride) if (values[i]! - values[i]! === 0) sample.push(values[i]!);
  return Float64Array.from(sample).sort();
}

export function fitDesignBasis(matrix: FeatureMatrix, options: DesignBasisOptions): DesignBasis {
  const terms = matrix.columns.map((column, j): ColumnTerm => {
    const values = columnValues(matrix, j);
    const { count, mean, lower, upper } = observedSummary(values);
    const missingIndicator = count < values.length && count > 0;
    const base = { column: j, fillValue: mean, center: column.kind === 'numeric' ? mean : 0, missingIndicator, lower, upper };
    // Only genuine numeric columns get a basis expansion; indicators are already as flexible as they can be.
    if (column.kind !== 'numeric' || options.numericBasis === 'linear' || count === 0) return { ...base, basis: 'linear' };
    const sorted = sortedSample(values);
    if (options.numericBasis === 'spline') {
      const knots = splineKnots(sorted, options.splineKnots);
      return knots.length > 0 ? { ...base, basis: 'spline', knots } : { ...base, basis: 'linear' };
    }
    const cutPoints: number[] = [];
    for (let b = 1; b < options.bins; b++) {
      const cut = quantileOfSorted(sorted, b / options.bins);
      if (cut < upper && (cutPoints.length === 0 || cut > cutPoints[cutPoints.length - 1]!)) cutPoints.push(cut);
    }
    return cutPoints.length > 0 ? { ...base, basis: 'binned', cutPoints } : { ...base, basis: 'linear' };
  });
  const interactions: InteractionTerm[] = [];
  for (const [a, b] of options.interactions) {
    for (const ca of resolveColumns(matrix, a)) {
      for (const cb of resolveColumns(matrix, b)) {
        if (ca === cb) continue;
        interactions.push({ columns: [ca, cb], name: `${matrix.columns[ca]!.name} × ${matrix.columns[cb]!.name}` });
      }
    }
  }
  return { terms, interactions };
}

/** For each design column, the group it reports under: a term's encoded column, or -1 - k for interaction k. */
export function designGroups(basis: DesignBasis): Int32Array {
  const groups: number[] = [];
  for (const term of basis.terms) for (let k = 0; k < termWidth(term); k++) groups.push(term.column);
  basis.interactions.forEach((_, k) => groups.push(-1 - k));
  return Int32Array.from(groups);
}
