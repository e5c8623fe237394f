import {
  categoricalLevel,
  encodedColumns,
  isMissing,
  OTHER_LEVEL,
  type EncodedFeature,
  type FeatureEncoder,
  type FeatureRow,
  type FeatureValue,
} from './feature-encoder';
import { createFeatureMatrix, type FeatureMatrix, type MatrixPrecision } from './feature-matrix';

const TRUE_WORDS = new Set(['true', 't', 'yes', 'y', '1']);
const FALSE_WORDS = new Set(['false', 'f', 'no', 'n', '0']);

/** Numeric reading of a raw value; anything unreadable or non-finite is missing (NaN). */
export function numericValue(value: FeatureValue): number {
  if (isMissing(value)) return NaN;
  if (typeof value === 'number') return Number.isFinite(value) ? value : NaN;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof Date) return value.getTime();
  const parsed = Number(value.trim());
  return Number.isFinite(parsed) ? parsed : NaN;
}

export function booleanValue(value: FeatureValue): number {
  if (isMissing(value)) return NaN;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number') return Number.isNaN(value) ? NaN : value !== 0 ? 1 : 0;
  if (value instanceof Date) return NaN;
  const word = value.trim().toLowerCase();
  return TRUE_WORDS.has(word) ? 1 : FALSE_WORDS.has(word) ? 0 : NaN;
}

interface ColumnPlan {
  readonly feature: EncodedFeature;
  readonly firstColumn: number;
  /** Categorical only: level → offset from firstColumn; `__other__` is the last offset. */
  readonly levelOffsets?: ReadonlyMap<string, number>;
}

function columnPlans(encoder: FeatureEncoder): ColumnPlan[] {
  let next = 0;
  return encoder.features.map((feature) => {
    const firstColumn = next;
    if (feature.kind !== 'categorical') {
      next += 1;
      return { feature, firstColumn };
    }
    const levels = [...(feature.levels ?? []), OTHER_LEVEL];
    next += levels.length;
    return { feature, firstColumn, levelOffsets: new Map(levels.map((level, offset) => [level, offset])) };
  });
}

/** Applies a fitted encoder: the same columns, in the same order, at training and at scoring time. */
export function encodeRows(
  encoder: FeatureEncoder,
  rows: readonly FeatureRow[],
  precision: MatrixPrecision = 'float64',
): FeatureMatrix {
  const matrix = createFeatureMatrix(rows.length, encodedColumns(encoder), precision);
  const n = rows.length;
  const values = matrix.values;
  for (const plan of columnPlans(encoder)) {
    const { feature, firstColumn, levelOffsets } = plan;
    const base = firstColumn * n;
    if (levelOffsets) {
      // The typed array starts zeroed, so only the hot indicator of each row needs writing.
      const otherOffset = levelOffsets.get(OTHER_LEVEL)!;
      for (let i = 0; i < n; i++) {
        const offset = levelOffsets.get(categoricalLevel(rows[i]![feature.name])) ?? otherOffset;
        values[base + offset * n + i] = 1;
      }
    } else {
      const read = feature.kind === 'boolean' ? booleanValue : numericValue;
      for (let i = 0; i < n; i++) values[base + i] = read(rows[i]![feature.name]);
    }
  }
  return matrix;
}
