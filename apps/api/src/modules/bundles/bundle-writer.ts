import { type BundleLineError, type EntityImportCounts, RECORD_KEYS, type RecordType } from '@hub/contracts';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { finished } from 'node:stream/promises';
import type { QueryRunner } from 'typeorm';
import { BUNDLE_COLUMNS, toCopyField, toParameter } from './bundle-columns';
import { copySql, deleteSql, existingKeysSql, insertSql, isEmptySql, updateSql } from './bundle-sql';

const FLUSH_ROWS = 2000;
/** Large records (long email bodies, transcripts) flush sooner, so a batch stays a few megabytes. */
const FLUSH_BYTES = 4 * 1024 * 1024;
const MAX_IN_FLIGHT = 4;

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
 * transaction, a few thousand rows a batch. New keys go in by COPY on a PostgreSQL server (by
 * `INSERT … FROM unnest` on the embedded one, which has no COPY FROM STDIN); existing keys are
 * updated where they changed. One batch is written while the next is parsed. The caller commits
 * only once the final state has passed every check, and rolls back otherwise.
 */
export class BundleWriter {
  private readonly batches = new Map<RecordType, Batch>();
  private readonly inFlight: Promise<unknown>[] = [];
  private tail: Promise<unknown> = Promise.resolve();
  /** For tables empty when the import began, the keys written since: no look-up needed. */
  private readonly writtenKeys = new Map<RecordType, Set<number | string> | null>();
  readonly counts = new Map<RecordType, EntityImportCounts>();
  /** Keys the bundle actually deleted, with their lines, for the orphan check. */
  readonly deleted = new Map<RecordType, DeletedKeys>();
  readonly unknownDeletes: BundleLineError[] = [];

  constructor(
    private readonly runner: QueryRunner,
    private readonly hubSchema: string,
    private readonly useCopy: boolean,
  ) {}

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

  /**
   * Waits for writes already sent, ignoring their outcome. Must precede a rollback: a write still
   * queued on the connection after ROLLBACK would run outside the transaction and be kept.
   */
  async settle(): Promise<void> {
    await this.tail.catch(() => undefined);
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
    // Writes run one after another on the transaction's connection, while parsing goes on.
    const write = (this.tail = this.tail.then(() =>
      batch.mode === 'upsert' ? this.writeUpserts(type, batch, counts) : this.writeDeletes(type, batch, counts),
    ));
    write.catch(() => undefined); // awaited below or in finish(); this only keeps Node from calling it unhandled
    this.inFlight.push(write);
    if (this.inFlight.length >= MAX_IN_FLIGHT) await this.inFlight.shift();
  }

  private async writeUpserts(type: RecordType, batch: Batch, counts: EntityImportCounts): Promise<void> {
    const keys = [...batch.rows.keys()];
    const existing = await this.existingKeys(type, keys);
    const size = batch.lines.length;
    if (existing.size === 0) {
      await this.insertRows(type, batch.columns, size);
      counts.created += size;
    } else {
      const fresh: number[] = [];
      const known: number[] = [];
      keys.forEach((key, row) => (existing.has(String(key)) ? known : fresh).push(row));
      const pick = (rows: number[]) => batch.columns.map((values) => rows.map((row) => values[row]));
      if (fresh.length > 0) await this.insertRows(type, pick(fresh), fresh.length);
      const result = await this.runner.query(updateSql(this.hubSchema, type), pick(known), true);
      counts.created += fresh.length;
      counts.updated += result.affected ?? 0;
      counts.unchanged += known.length - (result.affected ?? 0);
    }
    const written = this.writtenKeys.get(type);
    if (written) for (const key of keys) written.add(key);
  }

  /** Keys of this batch already in the table, as text. */
  private async existingKeys(type: RecordType, keys: (number | string)[]): Promise<Set<string>> {
    if (!this.writtenKeys.has(type)) {
      const [{ empty }] = await this.runner.query(isEmptySql(this.hubSchema, type));
      this.writtenKeys.set(type, empty ? new Set() : null);
    }
    const written = this.writtenKeys.get(type);
    if (written) return new Set(keys.filter((key) => written.has(key)).map(String));
    const rows: { key: string }[] = await this.runner.query(existingKeysSql(this.hubSchema, type), [keys]);
    return new Set(rows.map((row) => row.key));
  }

  private async insertRows(type: RecordType, columns: unknown[][], size: number): Promise<void> {
    if (!this.useCopy) {
      await this.runner.query(insertSql(this.hubSchema, type), columns);
      return;
    }
    let text = '';
    for (let row = 0; row < size; row++) {
      for (let column = 0; column < columns.length; column++) {
        if (column > 0) text += '\t';
        text += toCopyField(columns[column]![row]);
      }
      text += '\n';
    }
    const client = (await this.runner.connect()) as PoolClient;
    const stream = client.query(copyFrom(copySql(this.hubSchema, type)));
    stream.end(text);
    await finished(stream);
  }

  private async writeDeletes(type: RecordType, batch: Batch, counts: EntityImportCounts): Promise<void> {
    const keys = [...batch.rows.keys()];
    // A structured result: for DELETE, TypeORM's plain result is [rows, count] rather than rows.
    const { records: rows } = await this.runner.query(deleteSql(this.hubSchema, type), [keys], true) as { records: { key: string }[] };
    const gone = new Set(rows.map((row) => row.key));
    const deleted = this.deleted.get(type) ?? { keys: [], lines: [] };
    keys.forEach((key, index) => {
      const line = batch.lines[index]!;
      if (gone.has(String(key))) {
        deleted.keys.push(key);
        deleted.lines.push(line);
        this.writtenKeys.get(type)?.delete(key);
      } else {
        this.unknownDeletes.push({ line, field: `data.${RECORD_KEYS[type]}`, reason: `no ${type} ${key} exists to delete` });
      }
    });
    this.deleted.set(type, deleted);
    counts.deleted += rows.length;
  }
}
