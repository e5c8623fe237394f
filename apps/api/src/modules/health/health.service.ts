import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type HealthReport, QUEUES } from '@hub/contracts';
import type { DataSource } from 'typeorm';
import { DATABASE_HANDLE } from '../../core/database/database.module';
import type { DatabaseHandle } from '../../core/database/database-connection';
import { HUB_VERSION } from '../../core/hub-version';
import { JobsService } from '../../core/queue/jobs.service';

@Injectable()
export class HealthService {
  private readonly startedAt = Date.now();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(DATABASE_HANDLE) private readonly handle: DatabaseHandle,
    private readonly jobs: JobsService,
  ) {}

  async report(): Promise<HealthReport> {
    const database: HealthReport['database'] = { status: 'up', kind: this.handle.kind, schema: this.handle.schema };
    try {
      await this.dataSource.query('SELECT 1');
    } catch (error) {
      database.status = 'down';
      database.error = (error as Error).message;
    }
    const redisUp = await this.jobs.isRedisUp();
    let workers = 0;
    if (redisUp) {
      try {
        workers = (await this.jobs.queue(QUEUES.imports).getWorkers()).length;
      } catch {
        workers = 0;
      }
    }
    return {
      status: database.status === 'up' && redisUp ? 'ok' : 'degraded',
      version: HUB_VERSION,
      uptimeSeconds: Math.round((Date.now() - this.startedAt) / 1000),
      database,
      redis: { status: redisUp ? 'up' : 'down' },
      workers: { count: workers },
    };
  }
}
