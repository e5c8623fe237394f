import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { QUEUES } from '@hub/contracts';
import { JobsService } from '../../core/queue/jobs.service';

const DAY_MS = 86_400_000;

/** Keeps one daily retention job scheduled; idempotent, so every API instance may do it. */
@Injectable()
export class RetentionSchedule implements OnApplicationBootstrap {
  private readonly logger = new Logger('Retention');

  constructor(private readonly jobs: JobsService) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!(await this.jobs.isRedisUp())) {
      this.logger.warn('Redis is not reachable: the daily retention job will be scheduled at the next start.');
      return;
    }
    await this.jobs.queue(QUEUES.maintenance).upsertJobScheduler('purge-expired-data', { every: DAY_MS }, { name: 'purge-expired-data', data: {} });
  }
}
