import {
  type BundleImportProgress, type BundleImportResult, type BundleLineError, type EntityImportCounts, RECORD_TYPES,
  type RecordType,
} from '@hub/contracts';
import { readNdjsonLineBatches } from '@hub/bundle';
import type { DataSource, QueryRunner } from 'typeorm';
import { hubSchemaOf } from '../../core/database/hub-schema';
import { isEmbeddedStore } from '../../core/database/store-kind';
import { BundleErrorList, BundleRejectedError } from './bundle-import.errors';
import type { BundleChanges } from './bundle-changes';
import { DELETE_FLAG, type EncodedLines } from './bundle-line-encoder';
import { BundleLineParser } from './bundle-line-parser';
import { BundleReferences } from './bundle-references';
import { dependentsOf, orphansSql, tableOf } from './bundle-sql';
import { BundleWriter } from './bundle-writer';

export interface BundleImportOptions {
  maxReportedErrors?: number;
  onProgress?: (progress: BundleImportProgress) => void;
  /** Called with the open transaction's runner just before commit, for tests that break the connection there. */
  beforeCommit?: (runner: QueryRunner) => Promise<void>;
  /**
   * Called once the import is committed (and its connection released) with the keys it wrote and
   * deleted and the contacts they touch: for change events. Not called for a refused import.
   */
  onCommitted?: (changes: BundleChanges) => Promise<void> | void;
  /**
   * Parse and validate in the worker thread: true for every line (failing if the thread fails),
   * false never; by default once the bundle has passed 1 MiB (see BundleLineParser).
   */
  parseInWorker?: boolean;
}

/**
 * The bundle's bytes, or a function that reads them through the import's own connection. The
 * embedded database runs one transaction at a time, so a bundle stored in the database (a spooled
 * upload) must be read on the connection that holds the import's transaction.
 */
export type BundleSource = AsyncIterable<Uint8Array> | ((runner: QueryRunner) => AsyncIterable<Uint8Array>);

const PROGRESS_EVERY_LINES = 10_000;
const LOOKUP_BATCH = 10_000;
/** Batches of lines (one input chunk each) the worker may be parsing ahead of the writes. */
const PARSING_AHEAD = 8;

/** A stable number per schema: imports into one schema take turns (see importBundle). */
function importLockKey(schema: string): number {
  let hash = 0;
  for (const char of `hub-import:${schema}`) hash = (Math.imul(hash, 31) + char.charCodeAt(0)) | 0;
  return hash;
}

/**
 * The one importer behind every door (REST, CLI, MCP). It streams a bundle, validates every line
 * against the contract, writes valid records in line order inside one transaction, then checks
 * the result: every reference must resolve and no delete may leave records pointing at nothing.
 * Only a bundle with no problem at all is committed; otherwise the transaction is rolled back and
 * the store is exactly as it was. Imports into one schema take turns on an advisory lock, so two
 * concurrent bundles cannot each pass their checks and together break a reference.
 */
export async function importBundle(
  dataSource: DataSource,
  source: BundleSource,
  options: BundleImportOptions = {},
): Promise<BundleImportResult> {
  const started = performance.now();
  const hubSchema = hubSchemaOf(dataSource);
  const errors = new BundleErrorList(options.maxReportedErrors ?? 100);
  const references = new BundleReferences();
  const progress: BundleImportProgress = { phase: 'reading', lines: 0, bytes: 0 };
  const report = (phase: BundleImportProgress['phase']) => options.onProgress?.({ ...progress, phase });
  let records = 0;
  let deletes = 0;

  const runner = dataSource.createQueryRunner();
  await runner.connect();
  let writer: BundleWriter | undefined;
  let result: BundleImportResult;
  try {
    await runner.startTransaction();
    await runner.query('SELECT pg_advisory_xact_lock($1)', [importLockKey(hubSchema)]);
    // The embedded PostgreSQL (PGlite) speaks COPY FROM STDIN only in part; servers do it fully.
    writer = new BundleWriter(runner, hubSchema, !(await isEmbeddedStore(dataSource, runner)), typeof source !== 'function');
    const bytes = typeof source === 'function' ? source(runner) : source;

    /** Hands one parsed batch to the writer, in line order. */
    const types = RECORD_TYPES; // a local: imports compile to getters
    const apply = async (encoded: EncodedLines) => {
      if (encoded.lastLine > progress.lines) {
        const crossed = Math.floor(encoded.lastLine / PROGRESS_EVERY_LINES) > Math.floor(progress.lines / PROGRESS_EVERY_LINES);
        progress.lines = encoded.lastLine;
        if (crossed) report('reading');
      }
      errors.add(encoded.errors);
      const { kinds, lines, ids, codes, rows, rowEnds, refEnds, refFields, refIds } = encoded;
      let code = 0;
      let rowStart = 0;
      let refStart = 0;
      for (let index = 0; index < encoded.count; index++) {
        const type = types[kinds[index]! & ~DELETE_FLAG]!;
        const line = lines[index]!;
        const id = ids[index]!;
        const key = Number.isNaN(id) ? codes[code++]! : id;
        const rowEnd = rowEnds[index]!;
        const refEnd = refEnds[index]!;
        // Once the bundle is known to be refused, writing more of it is wasted work.
        const writing = errors.count === 0;
        let flushing: Promise<void> | undefined;
        if (kinds[index]! >= DELETE_FLAG) {
          deletes += 1;
          if (writing) flushing = writer!.delete(type, line, key);
        } else {
          records += 1;
          references.noteRecord(type, line, key, refFields, refIds, refStart, refEnd);
          if (writing) {
            writer!.touched.noteReferences(type, refFields, refIds, refStart, refEnd);
            flushing = writer!.upsert(type, line, key, rows, rowStart, rowEnd);
          }
        }
        rowStart = rowEnd;
        refStart = refEnd;
        if (flushing) await flushing;
      }
    };

    const parser = new BundleLineParser(options.parseInWorker);
    const parsing: Promise<EncodedLines>[] = [];
    for await (const batch of readNdjsonLineBatches(bytes, { onBytes: (bytes) => (progress.bytes += bytes) })) {
      const encoded = parser.encode(batch, progress.bytes);
      encoded.catch(() => undefined); // awaited in turn below; an import that fails earlier leaves it
      parsing.push(encoded);
      // With the worker, a few batches are parsed while earlier ones are written.
      while (parsing.length > (parser.usesWorker ? PARSING_AHEAD : 0)) await apply(await parsing.shift()!);
      // Let I/O callbacks run between chunks, so the database is handed its next batch as soon as
      // it finishes one instead of waiting for this loop to need more input.
      await new Promise(setImmediate);
    }
    while (parsing.length > 0) await apply(await parsing.shift()!);
    if (records + deletes === 0 && errors.count === 0) {
      errors.add([{ line: 0, field: '$', reason: 'the bundle is empty: it holds no records' }]);
    }
    const clean = errors.count === 0;
    if (clean) await writer.finish();
    else await writer.settle();

    report('checking');
    errors.add(await findDanglingReferences(runner, hubSchema, references));
    if (clean) {
      errors.add(writer.unknownDeletes);
      errors.add(await findOrphans(runner, hubSchema, writer));
    }
    if (errors.count > 0) throw errors.toError();

    report('writing');
    await options.beforeCommit?.(runner);
    await runner.commitTransaction();
    report('done');
    const entities: Partial<Record<RecordType, EntityImportCounts>> = {};
    for (const type of RECORD_TYPES) {
      const counts = writer.counts.get(type);
      if (counts) entities[type] = counts;
    }
    result = { lines: progress.lines, records, deletes, entities, durationMs: Math.round(performance.now() - started) };
  } catch (error) {
    await writer?.settle();
    if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
    throw error;
  } finally {
    await runner.release();
  }
  await options.onCommitted?.(writer!.changes());
  return result;
}

/** References to keys outside the bundle that the store does not hold either. */
async function findDanglingReferences(runner: QueryRunner, hubSchema: string, references: BundleReferences): Promise<BundleLineError[]> {
  const errors: BundleLineError[] = [];
  for (const { type, ids, report } of references.unresolved()) {
    const missing = new Set(ids);
    for (let start = 0; start < ids.length; start += LOOKUP_BATCH) {
      const found: { id: string }[] = await runner.query(
        `SELECT id FROM ${hubSchema}.${tableOf(type)} WHERE id = ANY($1::bigint[])`,
        [ids.slice(start, start + LOOKUP_BATCH)],
      );
      for (const row of found) missing.delete(Number(row.id));
    }
    if (missing.size > 0) errors.push(...report(missing));
  }
  return errors;
}

/**
 * Deletes that left records pointing at nothing. The hub refuses them rather than cascading: the
 * bundle must delete or re-point the dependents too, so the CRM's own rules decide what goes.
 */
async function findOrphans(runner: QueryRunner, hubSchema: string, writer: BundleWriter): Promise<BundleLineError[]> {
  const blockers = new Map<number, { type: RecordType; key: string; uses: string[] }>();
  for (const [type, { keys, lines }] of writer.deleted) {
    for (const { child, field, many } of dependentsOf(type)) {
      const rows: { line: number; key: string; count: number }[] = await runner.query(
        orphansSql(hubSchema, type, child, field, many), [keys, lines],
      );
      for (const row of rows) {
        const blocker = blockers.get(row.line) ?? { type, key: row.key, uses: [] };
        blocker.uses.push(`${tableOf(child)}.${field} (${row.count})`);
        blockers.set(row.line, blocker);
      }
    }
  }
  return [...blockers].map(([line, { type, key, uses }]) => ({
    line,
    field: `data.${type === 'product' ? 'code' : 'id'}`,
    reason: `cannot delete ${type} ${key}: still referred to by ${uses.join(', ')}; delete or re-point those records in the same bundle`,
  }));
}

export { BundleRejectedError };
