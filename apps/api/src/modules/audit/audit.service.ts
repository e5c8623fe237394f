import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AuditEntry, AuditOutcome, AuditPage, AuditQuery } from '@hub/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditBatchWriter } from './audit-batch.writer';
import { AuditLogEntity } from './audit-log.entity';
import { decodeAuditCursor, encodeAuditCursor } from './audit-cursor';

/** What a feature records; the hub adds the id and the time. */
export interface AuditRecord {
  /** An API key's id, `env:admin`, `cli` or `system` (see hub-principal.ts); null when unknown. */
  keyId: string | null;
  /** `<feature>.<verb>`: `bundle.import`, `keys.create`, `lead.score`, `mcp.tool.call`… */
  operation: string;
  outcome: AuditOutcome;
  subjectType?: string | null;
  /** Ids of the CRM records (or keys) the operation touched. */
  subjectIds?: number[] | null;
  modelVersion?: string | null;
  durationMs?: number | null;
  /** A few facts (counts, a reason): never record contents or secrets. Capped at 4 KiB. */
  detail?: Record<string, unknown> | null;
}

const MAX_DETAIL_CHARS = 4096;

/**
 * The append-only audit log. Features call `record` (or put `@Audited` on a REST handler); rows
 * are only ever inserted, and the table's trigger refuses updates and deletes. Rows outside a
 * transaction are written in groups (AuditBatchWriter): each `record` still resolves only once its
 * row is committed.
 */
@Injectable()
export class AuditService implements OnApplicationShutdown {
  private readonly logger = new Logger('Audit');
  private readonly batches: AuditBatchWriter;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.batches = new AuditBatchWriter(dataSource);
  }

  /** Writes one row; pass the transaction's manager to make it part of the change it records. */
  async record(entry: AuditRecord, manager?: EntityManager): Promise<void> {
    const row = {
      keyId: entry.keyId,
      operation: entry.operation,
      outcome: entry.outcome,
      subjectType: entry.subjectType ?? null,
      subjectIds: entry.subjectIds ?? null,
      modelVersion: entry.modelVersion ?? null,
      durationMs: entry.durationMs === undefined || entry.durationMs === null ? null : Math.round(entry.durationMs),
      detail: smallDetail(entry.detail),
    };
    if (manager) await manager.insert(AuditLogEntity, row);
    else await this.batches.write(row);
  }

  /** Every row handed in so far is committed before the database connection closes. */
  async onApplicationShutdown(): Promise<void> {
    await this.batches.idle();
  }

  /** `record`, but a failure is logged instead of thrown (for rows written after the fact). */
  async recordQuietly(entry: AuditRecord): Promise<void> {
    try {
      await this.record(entry);
    } catch (error) {
      this.logger.error(`Could not write the audit row for ${entry.operation} (${entry.outcome}): ${(error as Error).message}`);
    }
  }

  /** Newest first, filtered, one page at a time. */
  async query(query: AuditQuery): Promise<AuditPage> {
    await this.batches.idle();
    const rows = this.dataSource.getRepository(AuditLogEntity).createQueryBuilder('entry');
    if (query.operation) rows.andWhere('entry.operation = :operation', { operation: query.operation });
    if (query.keyId) rows.andWhere('entry.keyId = :keyId', { keyId: query.keyId });
    if (query.subjectType) rows.andWhere('entry.subjectType = :subjectType', { subjectType: query.subjectType });
    if (query.subjectId !== undefined) rows.andWhere(':subjectId = ANY(entry.subjectIds)', { subjectId: query.subjectId });
    if (query.outcome) rows.andWhere('entry.outcome = :outcome', { outcome: query.outcome });
    if (query.from) rows.andWhere('entry.at >= :from', { from: new Date(query.from) });
    if (query.to) rows.andWhere('entry.at < :to', { to: new Date(query.to) });
    if (query.cursor) rows.andWhere('entry.id < :before', { before: decodeAuditCursor(query.cursor) });
    const found = await rows.orderBy('entry.id', 'DESC').limit(query.limit + 1).getMany();
    const items = found.slice(0, query.limit).map(toAuditEntry);
    return { items, nextCursor: found.length > query.limit ? encodeAuditCursor(items[items.length - 1]!.id) : null };
  }
}

function smallDetail(detail: Record<string, unknown> | null | undefined): Record<string, unknown> | null {
  if (!detail) return null;
  const size = JSON.stringify(detail).length;
  return size <= MAX_DETAIL_CHARS ? detail : { truncated: true, chars: size, keys: Object.keys(detail).slice(0, 20) };
}

export function toAuditEntry(row: AuditLogEntity): AuditEntry {
  return {
    id: row.id,
    at: row.at.toISOString(),
    keyId: row.keyId,
    operation: row.operation,
    subjectType: row.subjectType,
    subjectIds: row.subjectIds,
    modelVersion: row.modelVersion,
    durationMs: row.durationMs,
    outcome: row.outcome,
    detail: row.detail as Record<string, unknown> | null,
  };
}
