import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { QUEUES, type RecomputeForecastJobData, type TrainDealWinJobData, type TrainDealWinResult } from '@hub/contracts';
import { DEAL_RULES_VERSION } from '@hub/deal-win';
import type { Job } from 'bullmq';
import type { DataSource } from 'typeorm';
import { HubEventsService } from '../../core/events/hub-events.service';
import { HUB_CONFIG, type HubConfig } from '../../core/config/hub-config';
import type { JobContext } from '../../core/queue/job-handler';
import { JobsService } from '../../core/queue/jobs.service';
import { AuditService } from '../audit/audit.service';
import { DealWinEngine } from './deal-win.engine';

/**
 * `TrainDealWinModelJob` (`train-deal-win` on hub-forecasting): trains on every labelled deal,
 * registers the active version, then queues a forecast recompute with it. A retry starts over.
 */
@Injectable()
export class TrainDealWinModelJob {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    private readonly events: HubEventsService,
    private readonly jobs: JobsService,
  ) {}

  async run(job: Job<TrainDealWinJobData>, context: JobContext): Promise<TrainDealWinResult> {
    const started = performance.now();
    const trained = await new DealWinEngine(this.dataSource, this.config.forecasting.fxRates).train(job.data.requestedBy, {
      onProgress: (percent, message) => context.report(percent * 0.95, message), signal: context.signal, jobId: job.id,
    });
    if (trained.version) await this.events.publish({ source: 'training', derived: { 'model-versions': [trained.version.id] } });
    const data: RecomputeForecastJobData = { requestedBy: job.data.requestedBy, trigger: 'training' };
    const recompute = await this.jobs.submit(QUEUES.forecasting, 'recompute-forecast', data, { attempts: 2 });
    await new AuditService(this.dataSource).recordQuietly({
      keyId: job.data.requestedBy, operation: 'deal.model.train', outcome: 'ok', subjectType: 'model',
      modelVersion: trained.version?.label ?? DEAL_RULES_VERSION, durationMs: performance.now() - started,
      detail: { outcome: trained.outcome, wins: trained.sufficiency.wins, closedDeals: trained.sufficiency.closedDeals, rocAuc: trained.version?.metrics.test.rocAuc ?? null, recomputeJobId: recompute.id },
    });
    await context.report(100, trained.outcome === 'model' ? `trained ${trained.version!.label}; forecast recompute queued` : `kept the stage rules: ${trained.reason}`);
    return { ...trained, recomputeJobId: recompute.id };
  }
}
