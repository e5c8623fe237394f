import { ENTITY_NAMES, RECORD_KEYS, RECORD_REFERENCES, RECORD_TYPES, type RecordType } from '@hub/contracts';
import { BUNDLE_COLUMNS, isTextEncoded } from './bundle-columns';

export function tableOf(type: RecordType): string {
  return ENTITY_NAMES[type];
}

export function keyTypeOf(type: RecordType): 'bigint' | 'text' {
  return RECORD_KEYS[type] === 'code' ? 'text' : 'bigint';
}

const upsertSqlCache = new Map<string, string>();

/**
 * One batch of rows as parallel arrays through `unnest`, upserted by key. Unchanged rows are not
 * rewritten, so the same bundle twice writes nothing the second time; `xmax = 0` tells a fresh
 * insert from an update.
 */
export function upsertSql(hubSchema: string, type: RecordType): string {
  const cacheKey = `${hubSchema}.${type}`;
  const cached = upsertSqlCache.get(cacheKey);
  if (cached) return cached;
  const columns = BUNDLE_COLUMNS[type];
  const key = RECORD_KEYS[type];
  const names = columns.map((column) => column.name);
  const arrays = columns.map((column, index) => `$${index + 1}::${isTextEncoded(column.kind) ? 'text' : column.kind}[]`);
  const values = columns.map((column, index) => (isTextEncoded(column.kind) ? `c${index}::${column.kind}` : `c${index}`));
  const updates = names.filter((name) => name !== key).map((name) => `${name} = EXCLUDED.${name}`);
  const sql = `WITH written AS (
      INSERT INTO ${hubSchema}.${tableOf(type)} AS t (${names.join(', ')})
      SELECT ${values.join(', ')} FROM unnest(${arrays.join(', ')}) AS u(${columns.map((_, index) => `c${index}`).join(', ')})
      ON CONFLICT (${key}) DO UPDATE SET ${updates.join(', ')}
      WHERE ROW(t.*) IS DISTINCT FROM ROW(EXCLUDED.*)
      RETURNING (xmax = 0) AS created)
    SELECT count(*) FILTER (WHERE created)::int AS created, count(*) FILTER (WHERE NOT created)::int AS updated FROM written`;
  upsertSqlCache.set(cacheKey, sql);
  return sql;
}

export function deleteSql(hubSchema: string, type: RecordType): string {
  const key = RECORD_KEYS[type];
  return `DELETE FROM ${hubSchema}.${tableOf(type)} WHERE ${key} = ANY($1::${keyTypeOf(type)}[]) RETURNING ${key}::text AS key`;
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
