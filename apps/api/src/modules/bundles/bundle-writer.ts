import { type BundleLineError, type EntityImportCounts, RECORD_KEYS, type RecordType } from '@hub/contracts';
import type { QueryRunner } from 'typeorm';
import { BUNDLE_COLUMNS, toParameter } from './bundle-columns';
import { deleteSql, upsertSql } from './bundle-sql';

const FLUSH_ROWS = 2000;
/** Large records (long email bodies, transcripts) flush sooner, so a batch stays a few megabytes. */
const FLUSH_BYTES = 4 * 1024 * 1024;
const MAX_IN_FLIGHT = 2;

/** Rows of one type waiting to be written: all upserts or all deletes, in bundle order. */
interface Batch {
  mode: 'upsert' | 'delete';
  bytes: number;
  rows: Map<number | string, number>; // key -> row index, so a repeated key keeps only its last line
  lines: number[];
  columns: unknown[][];
}

export interface DeletedKeys {
  keys: (number | string)[];
  lines: number[];
}

/**
 * Writes a bundle's records into the hub's tables, in line order, inside the import's open
 * transaction: a few thousand rows per `INSERT … SELECT FROM unnest(…)`, up to two batches in
 * flight so PostgreSQL writes while this process parses. The caller commits only once the final
 * state has passed every check, and rolls back otherwise.
 */
export class BundleWriter {
  private readonly batches = new Map<RecordType, Batch>();
  private readonly inFlight: Promise<unknown>[] = [];
  readonly counts = new Map<RecordType, EntityImportCounts>();
  /** Keys the bundle actually deleted, with their lines, for the orphan check. */
  readonly deleted = new Map<RecordType, DeletedKeys>();
  readonly unknownDeletes: BundleLineError[] = [];

  constructor(private readonly runner: QueryRunner, private readonly hubSchema: string) {}

  /** `bytes`: the record's size in the bundle, to bound the memory a batch holds. */
  async upsert(type: RecordType, line: number, data: Record<string, unknown>, bytes: number): Promise<void> {
    const batch = await this.batchFor(type, 'upsert');
    const key = data[RECORD_KEYS[type]] as number | string;
    const columns = BUNDLE_COLUMNS[type];
    const existing = batch.rows.get(key);
    const row = existing ?? batch.lines.length;
    if (existing === undefined) batch.rows.set(key, row);
    batch.lines[row] = line;
    for (let index = 0; index < columns.length; index++) {
      const column = columns[index]!;
      batch.columns[index]![row] = toParameter(column.kind, data[column.name]);
    }
    batch.bytes += bytes;
    if (batch.lines.length >= FLUSH_ROWS || batch.bytes >= FLUSH_BYTES) await this.flush(type);
  }

  async delete(type: RecordType, line: number, key: number | string): Promise<void> {
    const batch = await this.batchFor(type, 'delete');
    const existing = batch.rows.get(key);
    if (existing === undefined) {
      batch.rows.set(key, batch.lines.length);
      batch.lines.push(line);
    } else {
      batch.lines[existing] = line;
    }
    if (batch.lines.length >= FLUSH_ROWS) await this.flush(type);
  }

  /** Writes what is still buffered and waits for every write. */
  async finish(): Promise<void> {
    for (const type of this.batches.keys()) await this.flush(type);
    await Promise.all(this.inFlight.splice(0));
  }

  private countsOf(type: RecordType): EntityImportCounts {
    let counts = this.counts.get(type);
    if (!counts) this.counts.set(type, (counts = { created: 0, updated: 0, unchanged: 0, deleted: 0 }));
    return counts;
  }

  /** Switching between upserts and deletes of one type flushes first, so line order holds. */
  private async batchFor(type: RecordType, mode: Batch['mode']): Promise<Batch> {
    let batch = this.batches.get(type);
    if (batch && batch.mode !== mode && batch.lines.length > 0) {
      await this.flush(type);
      batch = undefined;
    }
    if (!batch || batch.mode !== mode) {
      batch = { mode, bytes: 0, rows: new Map(), lines: [], columns: BUNDLE_COLUMNS[type].map(() => []) };
      this.batches.set(type, batch);
    }
    return batch;
  }

  private async flush(type: RecordType): Promise<void> {
    const batch = this.batches.get(type);
    if (!batch || batch.lines.length === 0) return;
    this.batches.delete(type);
    const counts = this.countsOf(type);
    let write: Promise<unknown>;
    if (batch.mode === 'upsert') {
      write = this.runner.query(upsertSql(this.hubSchema, type), batch.columns).then((rows: { created: number; updated: number }[]) => {
        counts.created += rows[0]!.created;
        counts.updated += rows[0]!.updated;
        counts.unchanged += batch.lines.length - rows[0]!.created - rows[0]!.updated;
      });
    } else {
      const keys = [...batch.rows.keys()];
      // A structured result: for DELETE, TypeORM's plain result is [rows, count] rather than rows.
      write = this.runner.query(deleteSql(this.hubSchema, type), [keys], true).then(({ records: rows }: { records: { key: string }[] }) => {
        const gone = new Set(rows.map((row) => row.key));
        const deleted = this.deleted.get(type) ?? { keys: [], lines: [] };
        keys.forEach((key, index) => {
          const line = batch.lines[index]!;
          if (gone.has(String(key))) {
            deleted.keys.push(key);
            deleted.lines.push(line);
          } else {
            this.unknownDeletes.push({ line, field: `data.${RECORD_KEYS[type]}`, reason: `no ${type} ${key} exists to delete` });
          }
        });
        this.deleted.set(type, deleted);
        counts.deleted += rows.length;
      });
    }
    write.catch(() => undefined); // awaited below or in finish(); this only keeps Node from calling it unhandled
    this.inFlight.push(write);
    if (this.inFlight.length >= MAX_IN_FLIGHT) await this.inFlight.shift();
  }
}
