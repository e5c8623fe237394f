import { RECORD_KEYS, RECORD_TYPES, type RecordType } from '@hub/contracts';
import { serializeBundleRecord } from '@hub/bundle';
import type { DataSource } from 'typeorm';
import { hubSchemaOf } from '../../core/database/hub-schema';
import { BUNDLE_COLUMNS, type ColumnKind } from './bundle-columns';
import { tableOf } from './bundle-sql';

const PAGE_ROWS = 5000;

/** A stored value as the contract writes it. */
function fromColumn(kind: ColumnKind, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (kind) {
    case 'bigint':
    case 'numeric':
      return Number(value);
    case 'bigint[]':
      return (value as string[]).map(Number);
    case 'timestamptz':
      return (value as Date).toISOString();
    default:
      return value;
  }
}

/**
 * The whole store as bundle lines: record types in dependency order, each by key, each line in
 * the contract's field order. Pages by key (keyset paging) so memory stays flat and the order is
 * stable: export, import into an empty store and export again gives the same bytes.
 */
export async function* exportBundle(dataSource: DataSource): AsyncGenerator<string> {
  const hubSchema = hubSchemaOf(dataSource);
  for (const type of RECORD_TYPES) yield* exportType(dataSource, hubSchema, type);
}

async function* exportType(dataSource: DataSource, hubSchema: string, type: RecordType): AsyncGenerator<string> {
  const key = RECORD_KEYS[type];
  const columns = BUNDLE_COLUMNS[type];
  const select = `SELECT ${columns.map((column) => column.name).join(', ')} FROM ${hubSchema}.${tableOf(type)}`;
  // Product codes sort byte-wise (COLLATE "C") so the order does not depend on the server's locale.
  const order = key === 'code' ? `${key} COLLATE "C"` : key;
  let after: unknown = null;
  for (;;) {
    const rows: Record<string, unknown>[] = await dataSource.query(
      after === null
        ? `${select} ORDER BY ${order} LIMIT ${PAGE_ROWS}`
        : `${select} WHERE ${order} > $1 ORDER BY ${order} LIMIT ${PAGE_ROWS}`,
      after === null ? [] : [after],
    );
    if (rows.length === 0) return;
    let lines = '';
    for (const row of rows) {
      const data: Record<string, unknown> = {};
      for (const column of columns) data[column.name] = fromColumn(column.kind, row[column.name]);
      lines += serializeBundleRecord(type, data) + '\n';
    }
    yield lines;
    after = rows[rows.length - 1]![key];
    if (rows.length < PAGE_ROWS) return;
  }
}
