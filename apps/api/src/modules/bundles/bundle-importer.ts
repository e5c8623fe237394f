import {
  type BundleImportProgress, type BundleImportResult, type EntityImportCounts, RECORD_TYPES,
  type RecordType,
} from '@hub/contracts';
import { parseBundleLine, readNdjsonLines } from '@hub/bundle';
import type { DataSource, QueryRunner } from 'typeorm';
import { hubSchemaOf } from '../../core/database/hub-schema';
import { BundleErrorList, BundleRejectedError } from './bundle-import.errors';
import { applyDeletes, findUnknownDeletes, mergeStaged, type StagedDelete, stageDeletes } from './bundle-merge';
import { BundleReferences } from './bundle-references';
import { BundleStaging, tableOf } from './bundle-staging';

export interface BundleImportOptions {
  maxReportedErrors?: number;
  onProgress?: (progress: BundleImportProgress) => void;
  /** Called with the open transaction's runner, for tests that must break the connection mid-import. */
  beforeCommit?: (runner: QueryRunner) => Promise<void>;
}

const PROGRESS_EVERY_LINES = 10_000;
const LOOKUP_BATCH = 10_000;

/**
 * The one importer behind every door (REST, CLI, MCP). It reads a bundle as a stream, validates
 * every line, stages valid records in temporary tables, checks references and deletes against the
 * bundle and the store, and only then merges, all inside one transaction: a bundle with any
 * problem leaves the store exactly as it was.
 */
export async function importBundle(
  dataSource: DataSource,
  source: AsyncIterable<Uint8Array>,
  options: BundleImportOptions = {},
): Promise<BundleImportResult> {
  const started = performance.now();
  const hubSchema = hubSchemaOf(dataSource);
  const errors = new BundleErrorList(options.maxReportedErrors ?? 100);
  const references = new BundleReferences();
  const deletes = new Map<RecordType, StagedDelete[]>();
  const progress: BundleImportProgress = { phase: 'reading', lines: 0, bytes: 0 };
  const report = (phase: BundleImportProgress['phase']) => options.onProgress?.({ ...progress, phase });
  let records = 0;
  let deleteCount = 0;

  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.startTransaction();
    const staging = new BundleStaging(runner, hubSchema);
    const lines = readNdjsonLines(source, { onBytes: (bytes) => (progress.bytes += bytes) });
    for await (const raw of lines) {
      progress.lines = raw.line;
      if (raw.line % PROGRESS_EVERY_LINES === 0) report('reading');
      const parsed = parseBundleLine(raw);
      if (parsed.kind === 'invalid') {
        errors.add(parsed.errors);
      } else if (parsed.kind === 'delete') {
        deleteCount += 1;
        const list = deletes.get(parsed.type) ?? [];
        list.push({ key: parsed.key, line: parsed.line });
        deletes.set(parsed.type, list);
      } else {
        records += 1;
        references.noteRecord(parsed.type, parsed.line, parsed.data);
        // Once the bundle is known to be refused, staging more rows is wasted work.
        if (errors.count === 0) await staging.add(parsed.type, parsed.line, parsed.data, raw.kind === 'text' ? raw.text.length : 0);
      }
    }
    if (records + deleteCount === 0 && errors.count === 0) {
      errors.add([{ line: 0, field: '$', reason: 'the bundle is empty: it holds no records' }]);
    }
    await staging.finish();

    report('checking');
    for (const { type, ids, report: toErrors } of references.unresolved()) {
      const missing = new Set(ids);
      for (let start = 0; start < ids.length; start += LOOKUP_BATCH) {
        const found: { id: string }[] = await runner.query(
          `SELECT id FROM ${hubSchema}.${tableOf(type)} WHERE id = ANY($1::bigint[])`,
          [ids.slice(start, start + LOOKUP_BATCH)],
        );
        for (const row of found) missing.delete(Number(row.id));
      }
      if (missing.size > 0) errors.add(toErrors(missing));
    }
    const staged = new Set(staging.stagedTypes());
    for (const [type, list] of deletes) {
      await stageDeletes(runner, type, list);
      errors.add(await findUnknownDeletes(runner, hubSchema, type, staged.has(type)));
    }
    if (errors.count > 0) throw errors.toError();

    report('writing');
    const entities: Partial<Record<RecordType, EntityImportCounts>> = {};
    for (const type of RECORD_TYPES) {
      if (!staged.has(type)) continue;
      const counts = await mergeStaged(runner, hubSchema, type, {
        duplicates: references.hasDuplicates(type),
        deletes: deletes.has(type),
        staged: staging.counts.get(type) ?? 0,
      });
      entities[type] = { ...counts, deleted: 0 };
    }
    for (const type of [...RECORD_TYPES].reverse()) {
      if (!deletes.has(type)) continue;
      const { deleted, errors: blocked } = await applyDeletes(runner, hubSchema, type, staged.has(type));
      errors.add(blocked);
      entities[type] = { ...(entities[type] ?? { created: 0, updated: 0, unchanged: 0 }), deleted };
    }
    if (errors.count > 0) throw errors.toError();

    await options.beforeCommit?.(runner);
    await runner.commitTransaction();
    report('done');
    return { lines: progress.lines, records, deletes: deleteCount, entities, durationMs: Math.round(performance.now() - started) };
  } catch (error) {
    if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
    throw error;
  } finally {
    await runner.release();
  }
}

export { BundleRejectedError };
