/** How a column's values are meant: the encoder's one-hot indicators of a categorical are `categorical`. */
export type FeatureKind = 'numeric' | 'boolean' | 'categorical';

export type FeatureValues = Float64Array | Float32Array;
export type MatrixPrecision = 'float64' | 'float32';

export interface FeatureColumn {
  /** Readable column name, e.g. `amount` or `lead_source=referral`. */
  readonly name: string;
  readonly kind: FeatureKind;
  /** The input field this column came from; one-hot columns of a categorical share it. */
  readonly source: string;
  /** For one-hot columns, the level this column indicates. */
  readonly level?: string;
}

/**
 * A dense column-major matrix: column j occupies `values[j * rowCount, (j + 1) * rowCount)`.
 * Column-major because every learner here scans one feature across many rows (binning,
 * histograms, standardisation); NaN marks a missing value.
 */
export interface FeatureMatrix {
  readonly rowCount: number;
  readonly columns: readonly FeatureColumn[];
  readonly values: FeatureValues;
}

export function createFeatureMatrix(
  rowCount: number,
  columns: readonly FeatureColumn[],
  precision: MatrixPrecision = 'float64',
): FeatureMatrix {
  const size = rowCount * columns.length;
  const values = precision === 'float32' ? new Float32Array(size) : new Float64Array(size);
  return { rowCount, columns, values };
}

/** Builds a matrix from one array per column (handy for tests and callers with their own encoding). */
export function matrixFromColumns(
  columns: readonly FeatureColumn[],
  data: readonly ArrayLike<number>[],
  precision: MatrixPrecision = 'float64',
): FeatureMatrix {
  if (columns.length !== data.length) {
    throw new RangeError(`matrixFromColumns: ${columns.length} columns but ${data.length} data arrays`);
  }
  const rowCount = data.length === 0 ? 0 : data[0]!.length;
  const matrix = createFeatureMatrix(rowCount, columns, precision);
  data.forEach((column, j) => {
    if (column.length !== rowCount) {
      throw new RangeError(`matrixFromColumns: column ${columns[j]!.name} has ${column.length} rows, expected ${rowCount}`);
    }
    for (let i = 0; i < rowCount; i++) matrix.values[j * rowCount + i] = column[i]!;
  });
  return matrix;
}

/** Numeric columns named `x0, x1, …`, for callers that have raw numbers and no schema. */
export function numericColumns(count: number, prefix = 'x'): FeatureColumn[] {
  return Array.from({ length: count }, (_, j) => ({ name: `${prefix}${j}`, kind: 'numeric' as const, source: `${prefix}${j}` }));
}

export function columnValues(matrix: FeatureMatrix, column: number): FeatureValues {
  return matrix.values.subarray(column * matrix.rowCount, (column + 1) * matrix.rowCount);
}

export function matrixRow(matrix: FeatureMatrix, row: number): Float64Array {
  const out = new Float64Array(matrix.columns.length);
  for (let j = 0; j < out.length; j++) out[j] = matrix.values[j * matrix.rowCount + row]!;
  return out;
}

/** A new matrix holding the given rows in the given order (same precision). */
export function selectRows(matrix: FeatureMatrix, rows: ArrayLike<number>): FeatureMatrix {
  const precision: MatrixPrecision = matrix.values instanceof Float32Array ? 'float32' : 'float64';
  const out = createFeatureMatrix(rows.length, matrix.columns, precision);
  const n = matrix.rowCount;
  for (let j = 0; j < matrix.columns.length; j++) {
    const from = j * n;
    const to = j * rows.length;
    for (let i = 0; i < rows.length; i++) out.values[to + i] = matrix.values[from + rows[i]!]!;
  }
  return out;
}
