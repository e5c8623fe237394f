import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import { type DataSource, QueryFailedError } from 'typeorm';
import { isEmbeddedStore } from './store-kind';

const names = new Map<string, string>();

/** The statement's name: a hash of its text, so it is the same on every connection and every instance. */
function statementName(sql: string): string {
  let name = names.get(sql);
  if (name === undefined) {
    name = `hub_${createHash('sha1').update(sql).digest('hex').slice(0, 24)}`;
    if (names.size < 2_000) names.set(sql, name);
  }
  return name;
}

/**
 * A read on a hot path (an MCP tool, a REST lookup) as a named prepared statement on a PostgreSQL
 * server: each connection parses and plans it once instead of on every call (planning was about
 * half of PostgreSQL's CPU for an MCP `get_contact`). The embedded store, whose connections share
 * one session (names would collide there), runs it as a plain query.
 * Only for texts from a small set, values always as parameters: each distinct text stays prepared
 * on each pooled connection for that connection's life. (PgBouncer in transaction mode keeps
 * protocol-level prepared statements apart per client from version 1.21, `max_prepared_statements`.)
 */
export async function queryPrepared<T = Record<string, unknown>>(dataSource: DataSource, sql: string, params: unknown[]): Promise<T[]> {
  if (await isEmbeddedStore(dataSource)) return dataSource.query(sql, params);
  const pool = (dataSource.driver as unknown as { master: Pool }).master;
  try {
    return (await pool.query({ name: statementName(sql), text: sql, values: params })).rows as T[];
  } catch (error) {
    // As TypeORM reports a failed query, so callers and the error filter see one kind of failure.
    throw new QueryFailedError(sql, params, error as Error);
  }
}
