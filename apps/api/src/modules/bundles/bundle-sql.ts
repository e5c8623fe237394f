import { ENTITY_NAMES, RECORD_KEYS, RECORD_REFERENCES, RECORD_TYPES, type RecordType } from '@hub/contracts';
import { BUNDLE_COLUMNS, isTextEncoded } from './bundle-columns';

export function tableOf(type: RecordType): string {
  return ENTITY_NAMES[type];
}

export function keyTypeOf(type: RecordType): 'bigint' | 'text' {
  return RECORD_KEYS[type] === 'code' ? 'text' : 'bigint';
}

function unnestSelect(type: RecordType, firstParameter = 1): string {
  const columns = BUNDLE_COLUMNS[type];
  const arrays = columns.map((column, index) => `$${index + firstParameter}::${isTextEncoded(column.kind) ? 'text' : column.kind}[]`);
  const values = columns.map((column, index) => `${isTextEncoded(column.kind) ? `c${index}::${column.kind}` : `c${index}`} AS ${column.name}`);
  return `SELECT ${values.join(', ')} FROM unnest(${arrays.join(', ')}) AS u(${columns.map((_, index) => `c${index}`).join(', ')})`;
}

/** New rows of one batch, as parallel arrays through `unnest` (the embedded store has no COPY FROM STDIN). */
export function insertSql(hubSchema: string, type: RecordType): string {
  const names = BUNDLE_COLUMNS[type].map((column) => column.name);
  return `INSERT INTO ${hubSchema}.${tableOf(type)} (${names.join(', ')}) ${unnestSelect(type)}`;
}

/** New rows of one batch through COPY, on a real PostgreSQL server: the fastest bulk path it has. */
export function copySql(hubSchema: string, type: RecordType): string {
  const names = BUNDLE_COLUMNS[type].map((column) => column.name);
  return `COPY ${hubSchema}.${tableOf(type)} (${names.join(', ')}) FROM STDIN`;
}

/**
 * Rows of one batch whose keys already exist. Unchanged rows are left alone, so the same bundle
 * twice writes nothing the second time, and the count says how many really changed.
 */
export function updateSql(hubSchema: string, type: RecordType): string {
  const key = RECORD_KEYS[type];
  const names = BUNDLE_COLUMNS[type].map((column) => column.name).filter((name) => name !== key);
  return `UPDATE ${hubSchema}.${tableOf(type)} AS t SET ${names.map((name) => `${name} = u.${name}`).join(', ')}
    FROM (${unnestSelect(type)}) AS u
    WHERE t.${key} = u.${key} AND (${names.map((name) => `t.${name}`).join(', ')}) IS DISTINCT FROM (${names.map((name) => `u.${name}`).join(', ')})`;
}

export function existingKeysSql(hubSchema: string, type: RecordType): string {
  const key = RECORD_KEYS[type];
  return `SELECT ${key}::text AS key FROM ${hubSchema}.${tableOf(type)} WHERE ${key} = ANY($1::${keyTypeOf(type)}[])`;
}

export function isEmptySql(hubSchema: string, type: RecordType): string {
  return `SELECT NOT EXISTS (SELECT 1 FROM ${hubSchema}.${tableOf(type)}) AS empty`;
}

/** Columns a delete returns besides the key: the contacts (and deals) whose derived data it touches. */
const DELETE_RETURNS: Partial<Record<RecordType, string>> = {
  deal: ', contact_id::float8 AS contact_id',
  activity: ', contact_id::float8 AS contact_id, deal_id::float8 AS deal_id',
  email: ', contact_id::float8 AS contact_id',
  meeting: ', contact_ids::float8[] AS contact_ids',
};

export function deleteSql(hubSchema: string, type: RecordType): string {
  const key = RECORD_KEYS[type];
  return `DELETE FROM ${hubSchema}.${tableOf(type)} WHERE ${key} = ANY($1::${keyTypeOf(type)}[]) RETURNING ${key}::text AS key${DELETE_RETURNS[type] ?? ''}`;
}

/** Each record type that refers to `type`, with the column that holds the reference. */
export function dependentsOf(type: RecordType): { child: RecordType; field: string; many: boolean }[] {
  return RECORD_TYPES.flatMap((child) =>
    RECORD_REFERENCES[child].filter((reference) => reference.target === type)
      .map((reference) => ({ child, field: reference.field, many: reference.many ?? false })),
  );
}

/**
 * Records still pointing at keys the bundle deleted (and did not bring back), per delete line.
 */
export function orphansSql(hubSchema: string, type: RecordType, child: RecordType, field: string, many: boolean): string {
  const key = RECORD_KEYS[type];
  const match = many ? `d.key = ANY(c.${field})` : `c.${field} = d.key`;
  return `SELECT d.line, d.key::text AS key, count(*)::int AS count
    FROM unnest($1::${keyTypeOf(type)}[], $2::integer[]) AS d(key, line)
    JOIN ${hubSchema}.${tableOf(child)} c ON ${match}
    WHERE NOT EXISTS (SELECT 1 FROM ${hubSchema}.${tableOf(type)} t WHERE t.${key} = d.key)
    GROUP BY d.line, d.key`;
}
