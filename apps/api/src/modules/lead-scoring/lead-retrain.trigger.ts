import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type JobView, QUEUES, type TrainLeadModelJobData } from '@hub/contracts';
import { retrainDecision, type RetrainDecision } from '@hub/lead-scoring';
import type { DataSource } from 'typeorm';
import { SYSTEM_ACTOR } from '../../core/auth/hub-principal';
import { HUB_CONFIG, type HubConfig } from '../../core/config/hub-config';
import { syncJobScheduler, SettledCheck } from '../../core/queue/job-scheduler';
import { JobsService } from '../../core/queue/jobs.service';
import { LeadScoringEngine } from './lead-scoring.engine';

/** The BullMQ job scheduler that retrains the lead model on HUB_LEAD_RETRAIN_CRON. */
export const LEAD_RETRAIN_SCHEDULER = 'retrain-lead-score';
/** Imports come in bursts (a sync sends many bundles): outcomes are counted once the burst settles. */
const CHECK_DELAY_MS = 5_000;

/**
 * Retraining without being asked: on the configured schedule (a BullMQ job scheduler, upserted by
 * every API instance at start, so the pattern in force is the last configured one), and when
 * enough new outcomes arrived since the active version was trained (checked a few seconds after
 * imports; see `retrainDecision`).
 */
@Injectable()
export class LeadRetrainTrigger implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('LeadRetrain');
  private readonly settled = new SettledCheck(CHECK_DELAY_MS, this.logger, () => this.check());

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    private readonly jobs: JobsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const data: TrainLeadModelJobData = { requestedBy: SYSTEM_ACTOR };
    await syncJobScheduler(this.jobs, this.logger, 'lead model retraining', {
      queue: QUEUES.training, id: LEAD_RETRAIN_SCHEDULER, cron: this.config.leadScoring.retrainCron, job: { name: 'train-lead-model', data },
    });
  }

  onModuleDestroy(): void {
    this.settled.cancel();
  }

  /** Asks for a check once imports have paused for a few seconds. */
  afterImport(): void {
    this.settled.request();
  }

  /**
   * Queues a training job when enough new outcomes arrived (or data first suffices); returns it,
   * or null with nothing to do. The job id names the version and the count, so API instances that
   * check the same import queue it once; none is queued while a training waits or runs.
   */
  async check(): Promise<{ decision: RetrainDecision; job: JobView | null }> {
    const engine = new LeadScoringEngine(this.dataSource);
    const [active, now] = await Promise.all([engine.registry.activeModel(), engine.sufficiency()]);
    const window = active?.view.training_window;
    const before = !window ? null : window.conversions ?? (await engine.sufficiency(Date.parse(window.data_end))).conversions;
    const decision = retrainDecision(before, now.conversions, now.sufficient);
    if (!decision.retrain) return { decision, job: null };
    const queue = this.jobs.queue(QUEUES.training);
    // Not 'delayed': the schedule's next run waits there all week.
    const pending = await queue.getJobCounts('waiting', 'active', 'prioritized');
    if (Object.values(pending).some((count) => count > 0)) return { decision, job: null };
    const data: TrainLeadModelJobData = { requestedBy: SYSTEM_ACTOR };
    this.logger.log(`Retraining the lead model: ${decision.reason}`);
    const job = await this.jobs.submit(QUEUES.training, 'train-lead-model', data, {
      jobId: `retrain-lead-score-v${active?.view.version ?? 0}-c${now.conversions}`, attempts: 2, backoff: { type: 'exponential', delay: 5000 },
    });
    return { decision, job };
  }
}
