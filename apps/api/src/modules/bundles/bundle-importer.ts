import {
  type BundleImportProgress, type BundleImportResult, type BundleLineError, type EntityImportCounts, RECORD_TYPES,
  type RecordType,
} from '@hub/contracts';
import { parseBundleLine, readNdjsonLines } from '@hub/bundle';
import type { DataSource, QueryRunner } from 'typeorm';
import { hubSchemaOf } from '../../core/database/hub-schema';
import { BundleErrorList, BundleRejectedError } from './bundle-import.errors';
import type { BundleChanges } from './bundle-changes';
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
}

/**
 * The bundle's bytes, or a function that reads them through the import's own connection. The
 * embedded database runs one transaction at a time, so a bundle stored in the database (a spooled
 * upload) must be read on the connection that holds the import's transaction.
 */
export type BundleSource = AsyncIterable<Uint8Array> | ((runner: QueryRunner) => AsyncIterable<Uint8Array>);

const PROGRESS_EVERY_LINES = 10_000;
const LOOKUP_BATCH = 10_000;

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
    const [{ embedded }] = await runner.query(`SELECT version() LIKE '%PGlite%' AS embedded`);
    writer = new BundleWriter(runner, hubSchema, !embedded);
    const bytes = typeof source === 'function' ? source(runner) : source;
    for await (const batch of readNdjsonLines(bytes, { onBytes: (bytes) => (progress.bytes += bytes) })) {
      for (const raw of batch) {
        progress.lines = raw.line;
        if (raw.line % PROGRESS_EVERY_LINES === 0) report('reading');
        const parsed = parseBundleLine(raw);
        if (parsed.kind === 'invalid') {
          errors.add(parsed.errors);
          continue;
        }
        // Once the bundle is known to be refused, writing more of it is wasted work.
        const writing = errors.count === 0;
        let flushing: Promise<void> | undefined;
        if (parsed.kind === 'delete') {
          deletes += 1;
          if (writing) flushing = writer.delete(parsed.type, parsed.line, parsed.key);
        } else {
          records += 1;
          references.noteRecord(parsed.type, parsed.line, parsed.data);
          if (writing) flushing = writer.upsert(parsed.type, parsed.line, parsed.data, raw.kind === 'text' ? raw.text.length : 0);
        }
        if (flushing) await flushing;
      }
      // Let I/O callbacks run between chunks, so the database is handed its next batch as soon as
      // it finishes one instead of waiting for this loop to need more input.
      await new Promise(setImmediate);
    }
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
