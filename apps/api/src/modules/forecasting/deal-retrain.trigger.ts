import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { type JobView, QUEUES, type TrainDealWinJobData } from '@hub/contracts';
import { retrainDecision, type RetrainDecision } from '@hub/lead-scoring';
import { SYSTEM_ACTOR } from '../../core/auth/hub-principal';
import { HUB_CONFIG, type HubConfig } from '../../core/config/hub-config';
import { HubEventsService } from '../../core/events/hub-events.service';
import { syncJobScheduler, SettledCheck } from '../../core/queue/job-scheduler';
import { JobsService } from '../../core/queue/jobs.service';
import { ForecastingService } from './forecasting.service';

/** The BullMQ job scheduler that retrains the deal-win model on HUB_DEAL_RETRAIN_CRON. */
export const DEAL_RETRAIN_SCHEDULER = 'retrain-deal-win';
/** Imports come in bursts (a sync sends many bundles): outcomes are counted once the burst settles. */
const CHECK_DELAY_MS = 5_000;

/**
 * Retraining the deal-win model without being asked, as the lead model does: on the configured
 * schedule (a BullMQ job scheduler upserted by every API instance at start), and when enough new
 * wins arrived since the active version was trained (checked a few seconds after imports; the same
 * policy as leads, `retrainDecision`). Training queues the forecast's recompute when it registers a version.
 */
@Injectable()
export class DealRetrainTrigger implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('DealRetrain');
  private readonly settled = new SettledCheck(CHECK_DELAY_MS, this.logger, () => this.check());
  private stop?: () => void;

  constructor(
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    private readonly jobs: JobsService,
    private readonly events: HubEventsService,
    private readonly forecasting: ForecastingService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    try {
      this.stop = await this.events.subscribe((event) => (event.source === 'import' ? this.afterImport() : undefined));
    } catch (error) {
      this.logger.warn(`Not listening for imports (${(error as Error).message}): the deal-win model retrains on its schedule only.`);
    }
    const data: TrainDealWinJobData = { requestedBy: SYSTEM_ACTOR };
    await syncJobScheduler(this.jobs, this.logger, 'deal-win retraining', {
      queue: QUEUES.forecasting, id: DEAL_RETRAIN_SCHEDULER, cron: this.config.forecasting.retrainCron, job: { name: 'train-deal-win', data },
    });
  }

  onModuleDestroy(): void {
    this.settled.cancel();
    this.stop?.();
  }

  /** Asks for a check once imports have paused for a few seconds. */
  afterImport(): void {
    this.settled.request();
  }

  /**
   * Queues a training job when enough new wins arrived (or data first suffices); returns it, or null
   * with nothing to do. The job id names the version and the count of wins, so API instances checking
   * the same import queue it once; none is queued while a deal training waits or runs.
   */
  async check(): Promise<{ decision: RetrainDecision; job: JobView | null }> {
    const deals = this.forecasting.engine.deals;
    const [active, now] = await Promise.all([deals.activeModel(), deals.sufficiency()]);
    const window = active?.view.training_window as { wins?: number; data_end?: string } | undefined;
    const before = !active ? null : window?.wins ?? (window?.data_end ? (await deals.sufficiency(Date.parse(window.data_end))).wins : 0);
    const decision = retrainDecision(before, now.wins, now.sufficient, 'won deals');
    if (!decision.retrain) return { decision, job: null };
    const queue = this.jobs.queue(QUEUES.forecasting);
    const pending = [...(await queue.getJobs(['waiting', 'active', 'prioritized'], 0, 100))];
    if (pending.some((job) => job.name === 'train-deal-win')) return { decision, job: null };
    const data: TrainDealWinJobData = { requestedBy: SYSTEM_ACTOR };
    this.logger.log(`Retraining the deal-win model: ${decision.reason}`);
    const job = await this.jobs.submit(QUEUES.forecasting, 'train-deal-win', data, {
      jobId: `retrain-deal-win-v${active?.view.version ?? 0}-w${now.wins}`, attempts: 2, backoff: { type: 'exponential', delay: 5000 },
    });
    return { decision, job };
  }
}
