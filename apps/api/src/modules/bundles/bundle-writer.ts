import { type BundleLineError, type EntityImportCounts, RECORD_KEYS, type RecordType } from '@hub/contracts';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { QueryRunner } from 'typeorm';
import { BundleChangeCollector, type BundleChanges } from './bundle-changes';
import { BUNDLE_COLUMNS, copyRowsToColumns, splitCopyRows } from './bundle-columns';
import { copySql, deleteSql, existingKeysSql, insertSql, isEmptySql, updateSql } from './bundle-sql';

const FLUSH_ROWS = 2000;
/** Large records (long email bodies, transcripts) flush sooner, so a batch stays a few megabytes. */
const FLUSH_BYTES = 4 * 1024 * 1024;
const MAX_IN_FLIGHT = 4;

/** Rows of one type waiting to be written: all upserts or all deletes, in bundle order. */
interface Batch {
  mode: 'upsert' | 'delete';
  bytes: number;
  keys: (number | string)[];
  lines: number[];
  /** The upserts' rows in COPY's text format, as the line encoder made them: byte ranges of its output. */
  rows: Uint8Array[];
  /** The range being extended: consecutive rows of one encoded batch are one range. */
  source: Uint8Array | undefined;
  start: number;
  end: number;
  /** Upserts of keys this import already wrote (a repeated key): they are updates for certain. */
  known: boolean;
}

const textOf = (parts: Uint8Array[]) => Buffer.concat(parts).toString('utf8');

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
  /** Keys upserted by this import so far, per type: a repeat is written after the first, as an update. */
  private readonly importedKeys = new Map<RecordType, Set<number | string>>();
  /** Per type, whether its table was empty when the import began: then only repeats can exist. */
  private readonly startedEmpty = new Map<RecordType, boolean>();
  readonly counts = new Map<RecordType, EntityImportCounts>();
  /** Keys the bundle actually deleted, with their lines, for the orphan check. */
  readonly deleted = new Map<RecordType, DeletedKeys>();
  readonly unknownDeletes: BundleLineError[] = [];
  /** Contacts (and deals) the written records touch: the importer notes upserts, deletes note theirs. */
  readonly touched = new BundleChangeCollector();
  /**
   * A COPY kept open across batches of one type, so PostgreSQL takes rows as from a file instead
   * of waiting a round trip per batch. Any other statement on the connection ends it first.
   */
  private copying: { type: RecordType; stream: Writable; error?: Error } | undefined;

  constructor(
    private readonly runner: QueryRunner,
    private readonly hubSchema: string,
    private readonly useCopy: boolean,
    /**
     * Keep a COPY open between batches. Not when the bundle itself is read through this connection
     * (a spooled upload): its next read would wait behind the open COPY, which waits for that read.
     */
    private readonly streamCopy = true,
  ) {}

  /**
   * Buffers one record, as its COPY row `source[start, end)` (see bundle-line-encoder.ts); returns
   * a promise only when a batch had to be written, so the caller awaits rarely.
   */
  upsert(type: RecordType, line: number, key: number | string, source: Uint8Array, start: number, end: number): Promise<void> | undefined {
    let seen = this.importedKeys.get(type);
    if (!seen) this.importedKeys.set(type, (seen = new Set()));
    const repeated = seen.has(key);
    let batch = this.batches.get(type);
    // A repeated key must not share a batch with its first occurrence: write that one first.
    if (batch && (batch.mode !== 'upsert' || batch.known !== repeated || (repeated && batch.keys.includes(key)))) {
      return this.flush(type).then(() => this.upsert(type, line, key, source, start, end) ?? undefined);
    }
    if (!repeated) seen.add(key);
    if (!batch) {
      batch = { mode: 'upsert', bytes: 0, keys: [], lines: [], rows: [], source: undefined, start: 0, end: 0, known: repeated };
      this.batches.set(type, batch);
    }
    batch.keys.push(key);
    batch.lines.push(line);
    if (batch.source === source && batch.end === start) {
      batch.end = end;
    } else {
      if (batch.source) batch.rows.push(batch.source.subarray(batch.start, batch.end));
      batch.source = source;
      batch.start = start;
      batch.end = end;
    }
    batch.bytes += end - start;
    if (batch.lines.length >= FLUSH_ROWS || batch.bytes >= FLUSH_BYTES) return this.flush(type);
    return undefined;
  }

  delete(type: RecordType, line: number, key: number | string): Promise<void> | undefined {
    let batch = this.batches.get(type);
    if (batch && (batch.mode !== 'delete' || batch.keys.includes(key))) {
      return this.flush(type).then(() => this.delete(type, line, key) ?? undefined);
    }
    if (!batch) {
      batch = { mode: 'delete', bytes: 0, keys: [], lines: [], rows: [], source: undefined, start: 0, end: 0, known: false };
      this.batches.set(type, batch);
    }
    batch.keys.push(key);
    batch.lines.push(line);
    // A deleted key may come back later in the bundle: then it is new again.
    this.importedKeys.get(type)?.delete(key);
    if (batch.lines.length >= FLUSH_ROWS) return this.flush(type);
    return undefined;
  }

  /**
   * Waits for writes already sent, ignoring their outcome. Must precede a rollback: a write still
   * queued on the connection after ROLLBACK would run outside the transaction and be kept.
   */
  async settle(): Promise<void> {
    await this.tail.catch(() => undefined);
    await this.endCopy().catch(() => undefined);
  }

  /** Writes what is still buffered and waits for every write. */
  async finish(): Promise<void> {
    for (const type of this.batches.keys()) await this.flush(type);
    await Promise.all(this.inFlight.splice(0));
    await this.endCopy();
  }

  /** Keys written or deleted, by type, and the contacts they touch (built from the sets kept anyway). */
  changes(): BundleChanges {
    const records: BundleChanges['records'] = {};
    for (const type of new Set([...this.importedKeys.keys(), ...this.deleted.keys()])) {
      const keys = new Set(this.importedKeys.get(type));
      for (const key of this.deleted.get(type)?.keys ?? []) keys.add(key);
      if (keys.size > 0) records[type] = [...keys];
    }
    return { records, contacts: [...this.touched.contacts], deals: [...this.touched.deals] };
  }

  private countsOf(type: RecordType): EntityImportCounts {
    let counts = this.counts.get(type);
    if (!counts) this.counts.set(type, (counts = { created: 0, updated: 0, unchanged: 0, deleted: 0 }));
    return counts;
  }

  private async flush(type: RecordType): Promise<void> {
    const batch = this.batches.get(type);
    if (!batch || batch.lines.length === 0) return;
    this.batches.delete(type);
    if (batch.source) batch.rows.push(batch.source.subarray(batch.start, batch.end));
    batch.source = undefined;
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
    const existing = await this.existingRows(type, batch);
    const size = batch.lines.length;
    if (existing.length === 0) {
      await this.insertRows(type, batch.rows);
      counts.created += size;
      return;
    }
    const rows = splitCopyRows(textOf(batch.rows));
    const isExisting = new Uint8Array(size);
    for (const row of existing) isExisting[row] = 1;
    const fresh: number[] = [];
    for (let row = 0; row < size; row++) if (!isExisting[row]) fresh.push(row);
    if (fresh.length > 0) await this.insertRows(type, [Buffer.from(fresh.map((row) => `${rows[row]}\n`).join(''))]);
    const changed = copyRowsToColumns(existing.map((row) => rows[row]!), BUNDLE_COLUMNS[type].length);
    const result = await this.query(updateSql(this.hubSchema, type), changed, true);
    const updated = result.affected ?? 0;
    counts.created += fresh.length;
    counts.updated += updated;
    counts.unchanged += existing.length - updated;
  }

  /** Rows of the batch whose keys are already in the table. */
  private async existingRows(type: RecordType, batch: Batch): Promise<number[]> {
    if (batch.known) return batch.keys.map((_, row) => row);
    if (!this.startedEmpty.has(type)) {
      const [{ empty }] = await this.query(isEmptySql(this.hubSchema, type));
      this.startedEmpty.set(type, empty);
    }
    if (this.startedEmpty.get(type)) return [];
    const rows: { key: string }[] = await this.query(existingKeysSql(this.hubSchema, type), [batch.keys]);
    const found = new Set(rows.map((row) => row.key));
    return batch.keys.flatMap((key, row) => (found.has(String(key)) ? [row] : []));
  }

  /** New rows, given as COPY text: sent as they are by COPY, or as `unnest` arrays to the embedded store. */
  private async insertRows(type: RecordType, parts: Uint8Array[]): Promise<void> {
    if (!this.useCopy) {
      await this.query(insertSql(this.hubSchema, type), copyRowsToColumns(splitCopyRows(textOf(parts)), BUNDLE_COLUMNS[type].length));
      return;
    }
    if (this.copying?.type !== type) {
      await this.endCopy();
      const client = (await this.runner.connect()) as PoolClient;
      const copying: NonNullable<BundleWriter['copying']> = { type, stream: client.query(copyFrom(copySql(this.hubSchema, type))) };
      // Kept until the next write or the end of the COPY reports it: an 'error' with no listener would crash the process.
      copying.stream.on('error', (error: Error) => void (copying.error ??= error));
      this.copying = copying;
    }
    const copying = this.copying;
    for (const part of parts) {
      if (copying.error) throw copying.error;
      if (!copying.stream.write(part)) await once(copying.stream, 'drain');
    }
    if (!this.streamCopy) await this.endCopy();
  }

  /** Ends the open COPY, if any, and waits for PostgreSQL to have taken every row. */
  private async endCopy(): Promise<void> {
    const copying = this.copying;
    if (!copying) return;
    this.copying = undefined;
    if (copying.error) throw copying.error;
    copying.stream.end();
    await finished(copying.stream);
  }

  /** A statement on the import's connection, after any open COPY. */
  private async query(sql: string, parameters?: unknown[], structured?: boolean): ReturnType<QueryRunner['query']> {
    await this.endCopy();
    return this.runner.query(sql, parameters, structured as true);
  }

  private async writeDeletes(type: RecordType, batch: Batch, counts: EntityImportCounts): Promise<void> {
    // A structured result: for DELETE, TypeORM's plain result is [rows, count] rather than rows.
    const { records: rows } = (await this.query(deleteSql(this.hubSchema, type), [batch.keys], true)) as { records: ({ key: string } & Record<string, unknown>)[] };
    for (const row of rows) this.touched.note(type, row);
    const gone = new Set(rows.map((row) => row.key));
    const deleted = this.deleted.get(type) ?? { keys: [], lines: [] };
    batch.keys.forEach((key, index) => {
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
  }
}
