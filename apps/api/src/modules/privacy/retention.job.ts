import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { QUEUES } from '@hub/contracts';
import type { Job } from 'bullmq';
import type { DataSource } from 'typeorm';
import { HUB_CONFIG, type HubConfig } from '../../core/config/hub-config';
import { hubSchemaOf } from '../../core/database/hub-schema';
import type { JobContext, JobHandler } from '../../core/queue/job-handler';
import { DERIVED_TABLES, LOG_TABLES } from './derived-data';

export interface RetentionResult {
  cutoff: string;
  purged: Record<string, number>;
}

/**
 * `PurgeExpiredDataJob`: daily, deletes derived data, delivery logs and audit rows older than
 * HUB_RETENTION_DAYS, and bundle uploads abandoned for a day. The CRM's own records are not the
 * hub's to age out: they stay until the CRM deletes them.
 */
@Injectable()
export class PurgeExpiredDataJob implements JobHandler<Record<string, never>, RetentionResult> {
  readonly queue = QUEUES.maintenance;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  async run(_job: Job, context: JobContext): Promise<RetentionResult> {
    const s = hubSchemaOf(this.dataSource);
    const cutoff = new Date(Date.now() - this.config.retention.days * 86_400_000);
    const existing = new Set(
      ((await this.dataSource.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = $1`, [s.replace(/"/g, '')])) as { table_name: string }[])
        .map((row) => row.table_name),
    );
    const targets: [string, string, Date][] = [
      ...DERIVED_TABLES.map(({ table, timeColumn }) => [table, timeColumn, cutoff] as [string, string, Date]),
      ...LOG_TABLES.map(([table, column]) => [table, column, cutoff] as [string, string, Date]),
      ['bundle_uploads', 'created_at', new Date(Date.now() - 86_400_000)],
    ];
    const purged: Record<string, number> = {};
    for (const [index, [table, column, before]] of targets.entries()) {
      if (!existing.has(table)) continue;
      purged[table] = await this.count(`DELETE FROM ${s}.${table} WHERE ${column} < $1`, before);
      await context.report((100 * (index + 1)) / (targets.length + 1), `purged ${table}`);
    }
    purged['audit_log'] = await this.dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL hub.audit_maintenance = 'on'`);
      const rows = await manager.query(`WITH x AS (DELETE FROM ${s}.audit_log WHERE at < $1 RETURNING 1) SELECT count(*) AS n FROM x`, [cutoff]);
      return Number(rows[0].n);
    });
    return { cutoff: cutoff.toISOString(), purged };
  }

  private async count(sql: string, before: Date): Promise<number> {
    const rows = await this.dataSource.query(`WITH x AS (${sql} RETURNING 1) SELECT count(*) AS n FROM x`, [before]);
    return Number(rows[0].n);
  }
}
