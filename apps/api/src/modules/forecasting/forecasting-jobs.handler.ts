import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { QUEUES } from '@hub/contracts';
import { UnrecoverableError, type Job } from 'bullmq';
import type { DataSource } from 'typeorm';
import { HUB_CONFIG, type HubConfig } from '../../core/config/hub-config';
import { HubEventsService } from '../../core/events/hub-events.service';
import type { JobContext, JobHandler } from '../../core/queue/job-handler';
import { JobsService } from '../../core/queue/jobs.service';
import { WebhooksService } from '../webhooks/webhooks.service';
import { RecomputeForecastJob } from './recompute-forecast.job';
import { TrainDealWinModelJob } from './train-deal-win-model.job';

/**
 * The hub-forecasting queue's handler. The worker runs one handler per queue, so this one hands
 * each job to its kind by name: `train-deal-win` and `recompute-forecast`.
 */
@Injectable()
export class ForecastingJobsHandler implements JobHandler {
  readonly queue = QUEUES.forecasting;
  private readonly training: TrainDealWinModelJob;
  private readonly recompute: RecomputeForecastJob;

  constructor(
    @InjectDataSource() dataSource: DataSource,
    @Inject(HUB_CONFIG) config: HubConfig,
    events: HubEventsService,
    jobs: JobsService,
    webhooks: WebhooksService,
  ) {
    this.training = new TrainDealWinModelJob(dataSource, config, events, jobs);
    this.recompute = new RecomputeForecastJob(dataSource, config, webhooks);
  }

  run(job: Job, context: JobContext): Promise<unknown> {
    if (job.name === 'train-deal-win') return this.training.run(job, context);
    if (job.name === 'recompute-forecast') return this.recompute.run(job, context);
    throw new UnrecoverableError(`hub-forecasting has no job named "${job.name}" (known: train-deal-win, recompute-forecast)`);
  }
}
