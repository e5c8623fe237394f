import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { HealthReport } from '@hub/contracts';
import type { DataSource } from 'typeorm';
import { DATABASE_HANDLE } from '../../core/database/database.module';
import type { DatabaseHandle } from '../../core/database/database-connection';
import { HUB_VERSION } from '../../core/hub-version';

@Injectable()
export class HealthService {
  private readonly startedAt = Date.now();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(DATABASE_HANDLE) private readonly handle: DatabaseHandle,
  ) {}

  async report(): Promise<HealthReport> {
    const database: HealthReport['database'] = { status: 'up', kind: this.handle.kind, schema: this.handle.schema };
    try {
      await this.dataSource.query('SELECT 1');
    } catch (error) {
      database.status = 'down';
      database.error = (error as Error).message;
    }
    return {
      status: database.status === 'up' ? 'ok' : 'degraded',
      version: HUB_VERSION,
      uptimeSeconds: Math.round((Date.now() - this.startedAt) / 1000),
      database,
    };
  }
}
