import type { z } from 'zod';
import {
  type BundleLineError, isRecordType, RECORD_KEYS, RECORD_SCHEMAS, RECORD_TYPES, type RecordType,
} from '@hub/contracts';
import { type FastCheck, fastCheckOf } from './fast-record-check';
import type { NdjsonLine } from './ndjson-lines';

export type ParsedBundleLine =
  | { kind: 'record'; line: number; type: RecordType; data: Record<string, unknown> }
  | { kind: 'delete'; line: number; type: RecordType; key: number | string }
  | { kind: 'invalid'; line: number; errors: BundleLineError[] };

const TYPE_LIST = RECORD_TYPES.join(', ');
// Imports compile to property getters (CommonJS); the per-line code reads these locals instead.
const SCHEMAS = RECORD_SCHEMAS;
const isType = isRecordType;
const FAST_CHECKS = Object.fromEntries(RECORD_TYPES.map((type) => [type, fastCheckOf(RECORD_SCHEMAS[type])])) as Record<RecordType, FastCheck>;

function invalid(line: number, field: string, reason: string): ParsedBundleLine {
  return { kind: 'invalid', line, errors: [{ line, field, reason }] };
}

/** Zod's wording, made to read as "field: reason" for someone fixing a CRM export. */
function reasonFor(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && (issue as { input?: unknown }).input === undefined) return 'is required';
  if (issue.code === 'invalid_value') return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
  return issue.message;
}

export function zodIssuesToErrors(line: number, prefix: string, issues: readonly z.core.$ZodIssue[], type?: string): BundleLineError[] {
  const errors: BundleLineError[] = [];
  for (const issue of issues) {
    const path = [prefix, ...issue.path.map(String)].join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        errors.push({ line, field: `${path}.${key}`, reason: `is not a field of ${type ? `a ${type}` : 'this record'} (custom properties go in "custom")` });
      }
    } else {
      errors.push({ line, field: path, reason: reasonFor(issue) });
    }
  }
  return errors;
}

/** The path of the first string (key or value) holding U+0000, or null. */
function nulField(value: unknown, path: string): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path || '$' : null;
  if (typeof value !== 'object' || value === null) return null;
  for (const [key, item] of Object.entries(value)) {
    const at = path ? `${path}.${key}` : key;
    if (key.includes('\u0000')) return at;
    const found = nulField(item, at);
    if (found !== null) return found;
  }
  return null;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseDelete(line: number, data: Record<string, unknown>): ParsedBundleLine {
  const entity = data['entity'];
  if (!isRecordType(entity)) {
    return invalid(line, 'data.entity', `must name the entity to delete, one of ${TYPE_LIST}`);
  }
  const keyField = RECORD_KEYS[entity];
  const key = data[keyField];
  const extra = Object.keys(data).filter((name) => name !== 'entity' && name !== keyField);
  if (extra.length > 0) return invalid(line, `data.${extra[0]}`, `is not a field of a delete (it takes "entity" and "${keyField}")`);
  if (keyField === 'code') {
    if (typeof key !== 'string' || key === '') return invalid(line, 'data.code', 'must be the product code to delete');
  } else if (typeof key !== 'number' || !Number.isSafeInteger(key) || key <= 0) {
    return invalid(line, 'data.id', key === undefined ? 'is required' : 'must be a positive integer');
  }
  return { kind: 'delete', line, type: entity, key: key as number | string };
}

/** Parses and validates one bundle line against the contract, naming every problem it finds. */
export function parseBundleLine(input: NdjsonLine): ParsedBundleLine {
  const { line } = input;
  if (input.kind === 'too-long') {
    return invalid(line, '$', `line is ${input.bytes} bytes long; a line may hold at most 1 MiB`);
  }
  let value: unknown;
  try {
    value = JSON.parse(input.text);
  } catch (error) {
    const message = (error as Error).message;
    const hint = /end of (JSON|data)|Unterminated/i.test(message) ? ' (is the line cut short?)' : '';
    return invalid(line, '$', `is not valid JSON: ${message}${hint}`);
  }
  if (!isPlainObject(value)) return invalid(line, '$', 'must be a JSON object like {"type": "contact", "data": {...}}');
  // PostgreSQL text cannot hold NUL: name the field here rather than fail the whole import in the database.
  if (input.text.includes('\\u0000')) {
    const field = nulField(value, '');
    if (field !== null) return invalid(line, field, 'contains a NUL character (\\u0000), which text cannot hold');
  }
  for (const key in value) {
    if (key !== 'type' && key !== 'data') return invalid(line, key, 'is not allowed here: a line holds only "type" and "data"');
  }
  const { type, data } = value;
  if (type === undefined) return invalid(line, 'type', 'is required');
  if (type !== 'delete' && !isType(type)) {
    return invalid(line, 'type', `unknown record type ${JSON.stringify(type)}; expected one of ${TYPE_LIST}, delete`);
  }
  if (!isPlainObject(data)) return invalid(line, 'data', data === undefined ? 'is required' : 'must be an object');
  if (type === 'delete') return parseDelete(line, data);
  // Most lines are valid and need no transform: a compiled check says so several times faster.
  if (FAST_CHECKS[type](data)) return { kind: 'record', line, type, data };
  const parsed = SCHEMAS[type].safeParse(data);
  if (!parsed.success) {
    // Parse again with the inputs reported (4x slower, so only for bad lines) to word "is required".
    const detailed = RECORD_SCHEMAS[type].safeParse(data, { reportInput: true });
    const issues = detailed.success ? parsed.error.issues : detailed.error.issues;
    return { kind: 'invalid', line, errors: zodIssuesToErrors(line, 'data', issues, type) };
  }
  return { kind: 'record', line, type, data: parsed.data as Record<string, unknown> };
}
