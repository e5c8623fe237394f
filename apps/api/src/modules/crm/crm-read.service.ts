import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { hubSchemaOf } from '../../core/database/hub-schema';
import { queryPrepared } from '../../core/database/prepared-query';

export type Row = Record<string, unknown>;

/** WHERE clauses with numbered parameters, built up filter by filter. */
export class SqlFilter {
  readonly clauses: string[] = [];
  readonly params: unknown[] = [];

  /** Adds `clause`, where `?` stands for the value's parameter; undefined values add nothing. */
  add(clause: string, value: unknown): this {
    if (value === undefined) return this;
    this.params.push(value);
    this.clauses.push(clause.replaceAll('?', `$${this.params.length}`));
    return this;
  }

  get where(): string {
    return this.clauses.length > 0 ? `WHERE ${this.clauses.join(' AND ')}` : '';
  }
}

/**
 * Read queries over the CRM copy for MCP tools (and later REST): plain SQL with camelCase aliases,
 * rows normalised to JSON (ids and money as numbers, times as ISO strings). Pages and single
 * records go as prepared statements (their texts vary only with the filters used).
 */
@Injectable()
export class CrmReadService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  get schema(): string {
    return hubSchemaOf(this.dataSource);
  }

  async page(select: string, from: string, filter: SqlFilter, orderBy: string, limit: number, offset: number): Promise<{ rows: Row[]; total: number }> {
    const [[counted], rows] = await Promise.all([
      queryPrepared<Row>(this.dataSource, `SELECT count(*)::int AS total FROM ${from} ${filter.where}`, filter.params),
      queryPrepared<Row>(this.dataSource, `SELECT ${select} FROM ${from} ${filter.where} ORDER BY ${orderBy} LIMIT $${filter.params.length + 1} OFFSET $${filter.params.length + 2}`,
        [...filter.params, limit, offset]),
    ]);
    return { rows: rows.map(normalise), total: Number(counted!['total']) };
  }

  async one(select: string, from: string, filter: SqlFilter): Promise<Row | undefined> {
    const rows = await queryPrepared<Row>(this.dataSource, `SELECT ${select} FROM ${from} ${filter.where} LIMIT 1`, filter.params);
    return rows[0] ? normalise(rows[0]) : undefined;
  }

  async all(sql: string, params: unknown[]): Promise<Row[]> {
    return (await this.dataSource.query(sql, params)).map(normalise);
  }
}

/** Columns that are bigint or numeric in PostgreSQL, hence strings from the driver. */
const NUMERIC_KEYS = new Set([
  'id', 'companyId', 'contactId', 'dealId', 'ownerId', 'userId', 'amount', 'annualRevenue', 'employees', 'durationMinutes',
]);

function normalise(row: Row): Row {
  const out: Row = {};
  for (const [key, value] of Object.entries(row)) {
    if (value instanceof Date) out[key] = value.toISOString();
    else if (NUMERIC_KEYS.has(key) && typeof value === 'string') out[key] = Number(value);
    else if (key === 'contactIds' && Array.isArray(value)) out[key] = value.map(Number);
    else out[key] = value;
  }
  return out;
}
