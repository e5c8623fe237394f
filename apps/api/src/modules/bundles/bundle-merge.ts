import {
  type BundleLineError, type EntityImportCounts, RECORD_KEYS, RECORD_REFERENCES, RECORD_TYPES, type RecordType,
} from '@hub/contracts';
import type { QueryRunner } from 'typeorm';
import { BUNDLE_COLUMNS } from './bundle-columns';
import { stageTable, tableOf } from './bundle-staging';

export interface StagedDelete {
  key: number | string;
  line: number;
}

function deleteTable(type: RecordType): string {
  return `pg_temp.hub_delete_${type}`;
}

/** Stages a type's delete lines so the merge can compare them with upserts of the same keys. */
export async function stageDeletes(runner: QueryRunner, type: RecordType, deletes: StagedDelete[]): Promise<void> {
  const keyType = RECORD_KEYS[type] === 'code' ? 'text' : 'bigint';
  await runner.query(`CREATE TEMP TABLE hub_delete_${type} (key ${keyType} NOT NULL, _line integer NOT NULL) ON COMMIT DROP`);
  await runner.query(`INSERT INTO ${deleteTable(type)} SELECT * FROM unnest($1::${keyType}[], $2::integer[])`, [
    deletes.map((item) => item.key),
    deletes.map((item) => item.line),
  ]);
}

/** Keys deleted by the bundle that exist neither in the store nor as an upsert in the bundle. */
export async function findUnknownDeletes(runner: QueryRunner, hubSchema: string, type: RecordType, staged: boolean): Promise<BundleLineError[]> {
  const key = RECORD_KEYS[type];
  const inStage = staged ? `OR EXISTS (SELECT 1 FROM ${stageTable(type)} s WHERE s.${key} = d.key)` : '';
  const rows: { line: number; key: string }[] = await runner.query(
    `SELECT d._line AS line, d.key::text AS key FROM ${deleteTable(type)} d
     WHERE NOT (EXISTS (SELECT 1 FROM ${hubSchema}.${tableOf(type)} t WHERE t.${key} = d.key) ${inStage})`,
  );
  return rows.map((row) => ({ line: row.line, field: `data.${key}`, reason: `no ${type} ${row.key} exists to delete` }));
}

/**
 * Upserts one type's staged rows into the hub's table. When a key appears more than once the
 * last line wins; a row deleted by a later line of the bundle is skipped. Unchanged rows are not
 * rewritten, so importing the same bundle twice writes nothing the second time.
 */
export async function mergeStaged(
  runner: QueryRunner, hubSchema: string, type: RecordType,
  options: { duplicates: boolean; deletes: boolean; staged: number },
): Promise<Omit<EntityImportCounts, 'deleted'>> {
  const key = RECORD_KEYS[type];
  const names = BUNDLE_COLUMNS[type].map((column) => column.name);
  const table = `${hubSchema}.${tableOf(type)}`;
  const laterDelete = options.deletes
    ? `WHERE NOT EXISTS (SELECT 1 FROM ${deleteTable(type)} d WHERE d.key = s.${key} AND d._line > s._line)`
    : '';
  const source = options.duplicates
    ? `SELECT DISTINCT ON (${key}) * FROM ${stageTable(type)} s ${laterDelete} ORDER BY ${key}, _line DESC`
    : `SELECT * FROM ${stageTable(type)} s ${laterDelete}`;
  const updates = names.filter((name) => name !== key).map((name) => `${name} = EXCLUDED.${name}`);
  const rows: { created: string; updated: string; considered: string }[] = await runner.query(
    `WITH source AS (${source}),
     written AS (
       INSERT INTO ${table} AS t (${names.join(', ')})
       SELECT ${names.join(', ')} FROM source
       ON CONFLICT (${key}) DO UPDATE SET ${updates.join(', ')}
       WHERE ROW(t.*) IS DISTINCT FROM ROW(EXCLUDED.*)
       RETURNING (xmax = 0) AS created)
     SELECT count(*) FILTER (WHERE created) AS created, count(*) FILTER (WHERE NOT created) AS updated,
            (SELECT count(*) FROM source) AS considered
     FROM written`,
  );
  const created = Number(rows[0]!.created);
  const updated = Number(rows[0]!.updated);
  return { created, updated, unchanged: Number(rows[0]!.considered) - created - updated };
}

/** Each record type that refers to `type`, with the column that holds the reference. */
function dependentsOf(type: RecordType): { child: RecordType; field: string; many: boolean }[] {
  return RECORD_TYPES.flatMap((child) =>
    RECORD_REFERENCES[child].filter((reference) => reference.target === type)
      .map((reference) => ({ child, field: reference.field, many: reference.many ?? false })),
  );
}

/**
 * Applies one type's deletes. A delete that would leave records pointing at nothing is refused
 * (the bundle must delete or re-point the dependents too), so the CRM's own cascade stays the
 * CRM's decision and the hub never silently drops data. Returns errors instead of deleting when
 * any delete is blocked.
 */
export async function applyDeletes(
  runner: QueryRunner, hubSchema: string, type: RecordType, staged: boolean,
): Promise<{ deleted: number; errors: BundleLineError[] }> {
  const key = RECORD_KEYS[type];
  const laterUpsert = staged ? `AND NOT EXISTS (SELECT 1 FROM ${stageTable(type)} s WHERE s.${key} = d.key AND s._line > d._line)` : '';
  const effective = `SELECT DISTINCT ON (key) key, _line FROM ${deleteTable(type)} d WHERE true ${laterUpsert} ORDER BY key, _line`;
  const blockers = new Map<number, { key: string; uses: string[] }>();
  for (const { child, field, many } of dependentsOf(type)) {
    const match = many ? `d.key = ANY(c.${field})` : `c.${field} = d.key`;
    const rows: { line: number; key: string; count: string }[] = await runner.query(
      `SELECT d._line AS line, d.key::text AS key, count(*) AS count
       FROM (${effective}) d JOIN ${hubSchema}.${tableOf(child)} c ON ${match}
       GROUP BY d._line, d.key`,
    );
    for (const row of rows) {
      const blocker = blockers.get(row.line) ?? { key: row.key, uses: [] };
      blocker.uses.push(`${tableOf(child)}.${field} (${row.count})`);
      blockers.set(row.line, blocker);
    }
  }
  const errors: BundleLineError[] = [...blockers].map(([line, { key: id, uses }]) => ({
    line,
    field: `data.${key}`,
    reason: `cannot delete ${type} ${id}: still referred to by ${uses.join(', ')}; delete or re-point those records in the same bundle`,
  }));
  if (errors.length > 0) return { deleted: 0, errors };
  const result: { count: string }[] = await runner.query(
    `WITH gone AS (DELETE FROM ${hubSchema}.${tableOf(type)} t USING (${effective}) d WHERE t.${key} = d.key RETURNING 1)
     SELECT count(*) AS count FROM gone`,
  );
  return { deleted: Number(result[0]!.count), errors };
}
