import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { QUEUES, type RecomputeForecastJobData } from '@hub/contracts';
import { SYSTEM_ACTOR } from '../../core/auth/hub-principal';
import { HUB_CONFIG, type HubConfig } from '../../core/config/hub-config';
import { syncJobScheduler } from '../../core/queue/job-scheduler';
import { JobsService } from '../../core/queue/jobs.service';

/** The BullMQ job scheduler that recomputes the forecast on HUB_FORECAST_CRON. */
export const FORECAST_SCHEDULER = 'recompute-forecast-nightly';

/** Upserted by every API instance at start (the pattern in force is the last configured); `off` removes it. */
@Injectable()
export class ForecastSchedule implements OnApplicationBootstrap {
  private readonly logger = new Logger('ForecastSchedule');

  constructor(
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    private readonly jobs: JobsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const data: RecomputeForecastJobData = { requestedBy: SYSTEM_ACTOR, trigger: 'schedule' };
    await syncJobScheduler(this.jobs, this.logger, 'the nightly forecast', {
      queue: QUEUES.forecasting, id: FORECAST_SCHEDULER, cron: this.config.forecasting.cron, job: { name: 'recompute-forecast', data },
    });
  }
}
