import type { DataSource } from 'typeorm';
import { hubSchemaOf } from '../../core/database/hub-schema';
import type { AuditLogEntity } from './audit-log.entity';

/** Rows of one INSERT at most. */
const MAX_ROWS_PER_INSERT = 500;

type AuditRow = Omit<AuditLogEntity, 'id' | 'at'>;

interface Pending {
  row: AuditRow;
  done(error?: unknown): void;
}

/**
 * Group commit for audit rows written outside a transaction: a row that arrives while an INSERT is
 * in flight waits for it and goes into the next INSERT with every other row that arrived meanwhile.
 * Alone, a row is written at once (no added delay); under load, 100 concurrent callers cost a few
 * statements and commits instead of 100. Each caller's promise settles when its own row is
 * committed, so a row is never only in memory once its request has been answered: a crash loses
 * at most rows of requests still in flight, whose answers were never sent.
 */
export class AuditBatchWriter {
  private pending: Pending[] = [];
  private draining?: Promise<void>;
  /** Settles when the latest row handed in is settled: batches go in order, so every earlier one is too. */
  private latest: Promise<void> = Promise.resolve();

  private readonly insertSql: string;

  constructor(private readonly dataSource: DataSource) {
    // One JSON parameter for the whole batch: the statement text is the same for every batch size,
    // and building it costs nothing per row (TypeORM's insert builder was a visible share per call).
    this.insertSql = `
      INSERT INTO ${hubSchemaOf(dataSource)}.audit_log (key_id, operation, subject_type, subject_ids, model_version, duration_ms, outcome, detail)
      SELECT key_id, operation, subject_type, subject_ids, model_version, duration_ms, outcome, detail
      FROM json_to_recordset($1::json) AS x(key_id text, operation text, subject_type text, subject_ids bigint[], model_version text,
                                            duration_ms integer, outcome text, detail jsonb)`;
  }

  write(row: AuditRow): Promise<void> {
    const written = new Promise<void>((resolve, reject) => {
      this.pending.push({ row, done: (error) => (error === undefined ? resolve() : reject(error)) });
    });
    this.kick();
    this.latest = written.catch(() => undefined);
    return written;
  }

  /**
   * Settles once every row handed in so far is committed (or has failed): before reads and at
   * shutdown. Rows handed in later are not waited for, so a read is never starved by a steady load.
   */
  idle(): Promise<void> {
    return this.latest;
  }

  private kick(): void {
    if (this.draining) return;
    this.draining = this.drain().finally(() => {
      this.draining = undefined;
      // A row handed in after the loop's last look but before this ran would otherwise wait for the next write.
      if (this.pending.length > 0) this.kick();
    });
  }

  private async insert(rows: readonly AuditRow[]): Promise<void> {
    await this.dataSource.query(this.insertSql, [JSON.stringify(rows.map((row) => ({
      key_id: row.keyId, operation: row.operation, subject_type: row.subjectType, subject_ids: row.subjectIds,
      model_version: row.modelVersion, duration_ms: row.durationMs, outcome: row.outcome, detail: row.detail,
    })))]);
  }

  private async drain(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, MAX_ROWS_PER_INSERT);
      try {
        await this.insert(batch.map((each) => each.row));
        for (const each of batch) each.done();
      } catch (error) {
        if (batch.length === 1) {
          batch[0]!.done(error);
          continue;
        }
        // One bad row must not take its neighbours down: write them one by one.
        for (const each of batch) {
          await this.insert([each.row]).then(() => each.done(), (single: unknown) => each.done(single ?? error));
        }
      }
    }
  }
}
