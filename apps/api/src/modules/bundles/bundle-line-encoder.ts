import { type BundleLineError, RECORD_KEYS, RECORD_REFERENCES, RECORD_TYPES, type RecordType } from '@hub/contracts';
import { decodeNdjsonLines, type NdjsonLineBatch, parseBundleLine } from '@hub/bundle';
import { BUNDLE_COLUMNS, type ColumnKind, toCopyField, toParameter } from './bundle-columns';

/** Set in `EncodedLines.kinds` for a delete line; the low bits are the type's index in RECORD_TYPES. */
export const DELETE_FLAG = 0x80;

const TYPE_INDEX = new Map<RecordType, number>(RECORD_TYPES.map((type, index) => [type, index]));
// Imports compile to property getters (CommonJS); the per-line code reads these locals instead.
const parseLine = parseBundleLine;
const decodeLines = decodeNdjsonLines;
const KEYS = RECORD_KEYS;
const REFERENCES = RECORD_REFERENCES;
const COLUMNS = BUNDLE_COLUMNS;
const copyField = toCopyField;
const asParameter = toParameter;

/**
 * A batch of bundle lines parsed, validated and encoded for writing, in flat arrays so it crosses
 * from the parsing worker thread to the main thread as a few buffers, not a million objects.
 * Entry `i` (valid lines only, in line order): type `kinds[i]`, line `lines[i]`, key `ids[i]` (NaN
 * for a product code, the next of `codes`), its COPY row as UTF-8 `rows[rowEnds[i-1]..rowEnds[i])`
 * (empty for a delete; bytes, so the main thread hands them to COPY without touching them), its references `refFields`/`refIds[refEnds[i-1]..refEnds[i])` (index into
 * RECORD_REFERENCES[type], id), null references left out.
 */
export interface EncodedLines {
  count: number;
  kinds: Uint8Array;
  lines: Float64Array;
  ids: Float64Array;
  codes: string[];
  rows: Uint8Array;
  rowEnds: Uint32Array;
  refEnds: Uint32Array;
  refFields: Uint8Array;
  refIds: Float64Array;
  errors: BundleLineError[];
  /** The batch's last line number, valid or not, for progress. */
  lastLine: number;
}

const NEEDS_ESCAPE = /[\\\t\n\r]/;
const NUMERIC_KINDS = new Set<ColumnKind>(['bigint', 'integer', 'numeric']);

/**
 * One record as a line of COPY's text format, the form every write path starts from: the same
 * text as toCopyField(toParameter(...)) per column, with the common cases (numbers, plain strings)
 * taken directly.
 */
function copyRowEncoder(type: RecordType): (data: Record<string, unknown>) => string {
  const columns = COLUMNS[type];
  const names = columns.map((column) => column.name);
  const kinds = columns.map((column) => column.kind);
  const numeric = kinds.map((kind) => NUMERIC_KINDS.has(kind));
  const plain = kinds.map((kind) => kind === 'text' || kind === 'timestamptz' || kind === 'date');
  return (data) => {
    let row = '';
    for (let index = 0; index < names.length; index++) {
      if (index > 0) row += '\t';
      const value = data[names[index]!];
      if (value === null || value === undefined) row += '\\N';
      else if (numeric[index] && typeof value === 'number') row += String(value);
      else if (plain[index] && typeof value === 'string' && !NEEDS_ESCAPE.test(value)) row += value;
      else row += copyField(asParameter(kinds[index]!, value));
    }
    return row + '\n';
  };
}

const ROW_ENCODERS = new Map<RecordType, (data: Record<string, unknown>) => string>(RECORD_TYPES.map((type) => [type, copyRowEncoder(type)]));

/** Decodes, parses, validates (parseBundleLine) and encodes one batch of lines. Pure: runs in a worker or inline. */
export function encodeBundleLines(batch: NdjsonLineBatch): EncodedLines {
  const input = decodeLines(batch);
  const size = input.length;
  const kinds = new Uint8Array(size);
  const lines = new Float64Array(size);
  const ids = new Float64Array(size);
  const rowEnds = new Uint32Array(size);
  const refEnds = new Uint32Array(size);
  const codes: string[] = [];
  const refFields: number[] = [];
  const refIds: number[] = [];
  const errors: BundleLineError[] = [];
  // Its own memory (not Node's shared pool), so it can be moved to the main thread.
  let rows = Buffer.allocUnsafeSlow(batch.bytes.length + 4096);
  let rowsLength = 0;
  let count = 0;
  for (const raw of input) {
    const parsed = parseLine(raw);
    if (parsed.kind === 'invalid') {
      for (const error of parsed.errors) errors.push(error);
      continue;
    }
    let key: number | string;
    if (parsed.kind === 'delete') {
      kinds[count] = TYPE_INDEX.get(parsed.type)! | DELETE_FLAG;
      key = parsed.key;
    } else {
      const { type, data } = parsed;
      kinds[count] = TYPE_INDEX.get(type)!;
      key = data[KEYS[type]] as number | string;
      const row = ROW_ENCODERS.get(type)!(data);
      if (rows.length - rowsLength < row.length * 3) {
        const grown = Buffer.allocUnsafeSlow(Math.max(rows.length * 2, rowsLength + row.length * 3));
        rows.copy(grown, 0, 0, rowsLength);
        rows = grown;
      }
      rowsLength += rows.write(row, rowsLength);
      const references = REFERENCES[type];
      for (let field = 0; field < references.length; field++) {
        const value = data[references[field]!.field];
        if (value === null || value === undefined) continue;
        if (Array.isArray(value)) {
          for (const id of value as number[]) {
            refFields.push(field);
            refIds.push(id);
          }
        } else {
          refFields.push(field);
          refIds.push(value as number);
        }
      }
    }
    if (typeof key === 'string') {
      ids[count] = Number.NaN;
      codes.push(key);
    } else {
      ids[count] = key;
    }
    lines[count] = parsed.line;
    rowEnds[count] = rowsLength;
    refEnds[count] = refFields.length;
    count += 1;
  }
  return {
    count, kinds, lines, ids, codes, rows: rows.subarray(0, rowsLength), rowEnds, refEnds,
    refFields: Uint8Array.from(refFields), refIds: Float64Array.from(refIds), errors,
    lastLine: size > 0 ? input[size - 1]!.line : 0,
  };
}

/** The buffers of an encoded batch, moved (not copied) to the receiving thread. */
export function transferablesOf(encoded: EncodedLines): ArrayBuffer[] {
  return [encoded.kinds, encoded.lines, encoded.ids, encoded.rows, encoded.rowEnds, encoded.refEnds, encoded.refFields, encoded.refIds]
    .map((array) => array.buffer as ArrayBuffer);
}
