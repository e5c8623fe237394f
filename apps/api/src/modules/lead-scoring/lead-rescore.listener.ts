import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { QUEUES } from '@hub/contracts';
import { SYSTEM_ACTOR } from '../../core/auth/hub-principal';
import type { HubChangeEvent } from '../../core/events/hub-change-event';
import { HubEventsService } from '../../core/events/hub-events.service';
import { JobsService } from '../../core/queue/jobs.service';
import { LeadRetrainTrigger } from './lead-retrain.trigger';
import { SCORE_LEADS_JOB, type ScoreLeadsJobData } from './score-leads.job';

/** The rescore job of one event part: every API instance hears the event, BullMQ keeps one job per id. */
export function rescoreJobId(event: Pick<HubChangeEvent, 'id' | 'part'>): string {
  return `rescore-${event.id}-${event.part ?? 0}`;
}

/**
 * Keeps stored lead scores fresh: when an import touches contacts (their records, company,
 * activities, emails, meetings or deals), queues a ScoreLeadsJob for them within moments, and asks
 * the retrain trigger to count outcomes. Runs in API processes (workers only do the work).
 */
@Injectable()
export class LeadRescoreListener implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('LeadRescore');
  private stop?: () => void;

  constructor(
    private readonly events: HubEventsService,
    private readonly jobs: JobsService,
    private readonly retrain: LeadRetrainTrigger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    try {
      this.stop = await this.events.subscribe((event) => this.onChange(event));
    } catch (error) {
      this.logger.warn(`Not listening for changes (${(error as Error).message}): scores refresh on the next batch rescore.`);
    }
  }

  onModuleDestroy(): void {
    this.stop?.();
  }

  async onChange(event: HubChangeEvent): Promise<void> {
    if (event.source !== 'import') return;
    if (event.contacts?.length) {
      const data: ScoreLeadsJobData = { requestedBy: SYSTEM_ACTOR, reason: 'import', contactIds: event.contacts, eventId: event.id };
      await this.jobs.submit(QUEUES.scoring, SCORE_LEADS_JOB, data, { jobId: rescoreJobId(event), attempts: 2 });
    }
    this.retrain.afterImport();
  }
}
