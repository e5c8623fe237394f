import type { DataSource } from 'typeorm';
import { AuditLogEntity } from './audit-log.entity';

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

  constructor(private readonly dataSource: DataSource) {}

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

  private async drain(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, MAX_ROWS_PER_INSERT);
      try {
        await this.dataSource.manager.insert(AuditLogEntity, batch.map((each) => each.row));
        for (const each of batch) each.done();
      } catch (error) {
        if (batch.length === 1) {
          batch[0]!.done(error);
          continue;
        }
        // One bad row must not take its neighbours down: write them one by one.
        for (const each of batch) {
          await this.dataSource.manager.insert(AuditLogEntity, each.row).then(() => each.done(), (single: unknown) => each.done(single ?? error));
        }
      }
    }
  }
}
