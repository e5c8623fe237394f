import { ENTITY_NAMES, type RecordType } from '@hub/contracts';
import type { QueryRunner } from 'typeorm';
import { BUNDLE_COLUMNS, isTextEncoded, toParameter } from './bundle-columns';

const FLUSH_ROWS = 2000;
/** Large records (long email bodies, transcripts) flush sooner, so a batch stays a few megabytes. */
const FLUSH_BYTES = 4 * 1024 * 1024;
const MAX_IN_FLIGHT = 2;

export function stageTable(type: RecordType): string {
  return `pg_temp.hub_stage_${type}`;
}

/** The staged rows of one record type, as parallel column arrays, waiting to be written. */
interface StageBuffer {
  bytes: number;
  lines: number[];
  columns: unknown[][];
}

/**
 * Streams validated records into temporary tables inside the import's transaction, a few
 * thousand rows per `INSERT … SELECT FROM unnest(…)`. Nothing reaches the hub's own tables until
 * the whole bundle has passed every check; the temporary tables vanish with the transaction.
 * Up to two batches are in flight so that PostgreSQL writes while this process parses.
 */
export class BundleStaging {
  private readonly buffers = new Map<RecordType, StageBuffer>();
  private readonly created = new Set<RecordType>();
  private readonly inFlight: Promise<unknown>[] = [];
  readonly counts = new Map<RecordType, number>();

  constructor(private readonly runner: QueryRunner, private readonly hubSchema: string) {}

  /** `bytes`: the record's size in the bundle, to bound the memory a batch holds. */
  async add(type: RecordType, line: number, data: Record<string, unknown>, bytes: number): Promise<void> {
    let buffer = this.buffers.get(type);
    if (!buffer) {
      buffer = { bytes: 0, lines: [], columns: BUNDLE_COLUMNS[type].map(() => []) };
      this.buffers.set(type, buffer);
    }
    buffer.lines.push(line);
    buffer.bytes += bytes;
    const columns = BUNDLE_COLUMNS[type];
    for (let index = 0; index < columns.length; index++) {
      const column = columns[index]!;
      buffer.columns[index]!.push(toParameter(column.kind, data[column.name]));
    }
    this.counts.set(type, (this.counts.get(type) ?? 0) + 1);
    if (buffer.lines.length >= FLUSH_ROWS || buffer.bytes >= FLUSH_BYTES) await this.flush(type);
  }

  /** Writes whatever is still buffered and waits for every write to finish. */
  async finish(): Promise<void> {
    for (const type of this.buffers.keys()) await this.flush(type);
    await Promise.all(this.inFlight.splice(0));
  }

  stagedTypes(): RecordType[] {
    return [...this.created];
  }

  private async flush(type: RecordType): Promise<void> {
    const buffer = this.buffers.get(type);
    if (!buffer || buffer.lines.length === 0) return;
    this.buffers.set(type, { bytes: 0, lines: [], columns: BUNDLE_COLUMNS[type].map(() => []) });
    if (!this.created.has(type)) {
      this.created.add(type);
      await this.settle();
      await this.runner.query(
        `CREATE TEMP TABLE ${stageTable(type).slice('pg_temp.'.length)} (LIKE ${this.hubSchema}.${tableOf(type)}) ON COMMIT DROP;
         ALTER TABLE ${stageTable(type)} ADD COLUMN _line integer NOT NULL`,
      );
    }
    const write = this.runner.query(insertStageSql(type), [buffer.lines, ...buffer.columns]);
    write.catch(() => undefined); // awaited below or in finish(); this only keeps Node from calling it unhandled
    this.inFlight.push(write);
    if (this.inFlight.length >= MAX_IN_FLIGHT) await this.inFlight.shift();
  }

  private async settle(): Promise<void> {
    await Promise.all(this.inFlight.splice(0));
  }
}


export function tableOf(type: RecordType): string {
  return ENTITY_NAMES[type];
}

const insertSqlCache = new Map<RecordType, string>();

function insertStageSql(type: RecordType): string {
  const cached = insertSqlCache.get(type);
  if (cached) return cached;
  const columns = BUNDLE_COLUMNS[type];
  const names = columns.map((column) => column.name);
  const arrays = columns.map((column, index) => `$${index + 2}::${isTextEncoded(column.kind) ? 'text' : column.kind}[]`);
  const values = columns.map((column, index) => (isTextEncoded(column.kind) ? `c${index}::${column.kind}` : `c${index}`));
  const sql =
    `INSERT INTO ${stageTable(type)} (_line, ${names.join(', ')}) ` +
    `SELECT l, ${values.join(', ')} FROM unnest($1::integer[], ${arrays.join(', ')}) ` +
    `AS u(l, ${columns.map((_, index) => `c${index}`).join(', ')})`;
  insertSqlCache.set(type, sql);
  return sql;
}
