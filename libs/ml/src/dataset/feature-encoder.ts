import type { FeatureColumn, FeatureKind } from './feature-matrix';

/** A raw field value as it arrives from the CRM; Date is accepted so a time column can sit in the same row. */
export type FeatureValue = number | string | boolean | null | undefined | Date;
export type FeatureRow = Readonly<Record<string, FeatureValue>>;

/** Catch-all level: rare levels at training time and levels never seen before map here. */
export const OTHER_LEVEL = '__other__';
/** A categorical's missing value is a level of its own: "source unknown" is often informative. */
export const MISSING_LEVEL = '__missing__';

export interface EncodedFeature {
  readonly name: string;
  readonly kind: FeatureKind;
  /** Categorical only: the kept levels, most frequent first; `__other__` is always added after them. */
  readonly levels?: readonly string[];
}

/** Plain data, JSON-serialisable as is: fitted once on training rows, re-applied at scoring time. */
export interface FeatureEncoder {
  readonly version: 1;
  readonly features: readonly EncodedFeature[];
}

export interface FeatureEncoderOptions {
  /** Fields to use, in this order; default: every field seen in the rows, in first-seen order. */
  readonly features?: readonly string[];
  /** Fields never to use (target, time column, ids). */
  readonly exclude?: readonly string[];
  /** Kind overrides; otherwise inferred (any string → categorical, only booleans → boolean, else numeric). */
  readonly kinds?: Readonly<Record<string, FeatureKind>>;
  /** Levels seen fewer times than this are grouped into `__other__` (default 10). */
  readonly minLevelCount?: number;
  /** At most this many levels per categorical are kept, most frequent first (default 50). */
  readonly maxLevels?: number;
}

export function isMissing(value: FeatureValue): value is null | undefined {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

/** The level a raw value of a categorical feature belongs to before rare-level grouping. */
export function categoricalLevel(value: FeatureValue): string {
  if (isMissing(value)) return MISSING_LEVEL;
  if (value instanceof Date) return value.toISOString();
  return String(value).trim();
}

function inferKind(rows: readonly FeatureRow[], name: string): FeatureKind {
  let sawNumber = false;
  let sawBoolean = false;
  for (const row of rows) {
    const value = row[name];
    if (isMissing(value)) continue;
    if (typeof value === 'string') return 'categorical';
    if (typeof value === 'boolean') sawBoolean = true;
    else sawNumber = true;
  }
  return sawBoolean && !sawNumber ? 'boolean' : 'numeric';
}

function fieldNames(rows: readonly FeatureRow[], options: FeatureEncoderOptions): string[] {
  const excluded = new Set(options.exclude ?? []);
  if (options.features) return options.features.filter((name) => !excluded.has(name));
  const seen = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) if (!excluded.has(key)) seen.add(key);
  return [...seen];
}

function keptLevels(rows: readonly FeatureRow[], name: string, minCount: number, maxLevels: number): string[] {
  const counts = new Map<string, number>();
  for (const row of rows) {
    const level = categoricalLevel(row[name]);
    counts.set(level, (counts.get(level) ?? 0) + 1);
  }
  return [...counts.entries()]
    .filter(([level, count]) => count >= minCount && level !== OTHER_LEVEL)
    // Ties broken by name so that the column order is deterministic whatever the row order.
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, maxLevels)
    .map(([level]) => level);
}

export function fitFeatureEncoder(rows: readonly FeatureRow[], options: FeatureEncoderOptions = {}): FeatureEncoder {
  const minCount = options.minLevelCount ?? 10;
  const maxLevels = options.maxLevels ?? 50;
  const features = fieldNames(rows, options).map((name): EncodedFeature => {
    const kind = options.kinds?.[name] ?? inferKind(rows, name);
    return kind === 'categorical' ? { name, kind, levels: keptLevels(rows, name, minCount, maxLevels) } : { name, kind };
  });
  return { version: 1, features };
}

/** The matrix columns the encoder produces, in order: one per numeric/boolean field, levels + `__other__` per categorical. */
export function encodedColumns(encoder: FeatureEncoder): FeatureColumn[] {
  const columns: FeatureColumn[] = [];
  for (const feature of encoder.features) {
    if (feature.kind !== 'categorical') {
      columns.push({ name: feature.name, kind: feature.kind, source: feature.name });
      continue;
    }
    for (const level of [...(feature.levels ?? []), OTHER_LEVEL]) {
      columns.push({ name: `${feature.name}=${level}`, kind: 'categorical', source: feature.name, level });
    }
  }
  return columns;
}
