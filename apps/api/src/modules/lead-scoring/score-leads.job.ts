import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type LeadScore, QUEUES } from '@hub/contracts';
import { RULES_VERSION } from '@hub/lead-scoring';
import type { Job } from 'bullmq';
import type { DataSource } from 'typeorm';
import { HubEventsService } from '../../core/events/hub-events.service';
import type { JobContext, JobHandler } from '../../core/queue/job-handler';
import { AuditService } from '../audit/audit.service';
import { WebhooksService } from '../webhooks/webhooks.service';
import { LeadScoringEngine } from './lead-scoring.engine';

export interface ScoreLeadsJobData {
  requestedBy: string;
  reason: string;
  /** Only these contacts (those an import touched); without it, every open lead. */
  contactIds?: number[];
  /** The change event that asked for it, for the audit row. */
  eventId?: string;
}

export interface ScoreLeadsResult {
  method: 'model' | 'rules';
  modelVersion: string;
  scored: number;
  skipped: number;
}

/**
 * `ScoreLeadsJob`: rescores the open leads with what scores now (after a rollback, or on request),
 * or only the contacts an import touched. Publishes a `derived` change event with the contacts
 * scored, and announces each targeted score as `lead.scored`; writes one audit row per run.
 */
@Injectable()
export class ScoreLeadsJob implements JobHandler<ScoreLeadsJobData, ScoreLeadsResult> {
  readonly queue = QUEUES.scoring;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: HubEventsService,
    private readonly webhooks: WebhooksService,
  ) {}

  async run(job: Job<ScoreLeadsJobData>, context: JobContext): Promise<ScoreLeadsResult> {
    const started = performance.now();
    const engine = new LeadScoringEngine(this.dataSource);
    const scorer = await engine.activeScorer();
    const { contactIds } = job.data;
    const ids: number[] = [];
    let scored: number;
    let skipped: number;
    if (contactIds) {
      const result = await engine.rescoreContacts(scorer, contactIds);
      ({ skipped } = result);
      scored = result.scores.length;
      for (const score of result.scores) ids.push(score.contact_id);
      await this.announce(result.scores, new Date());
    } else {
      ({ scored, skipped } = await engine.rescoreOpenLeads(scorer, {
        onProgress: (percent, message) => context.report(percent, message), signal: context.signal, jobId: job.id,
        onScored: (page) => void ids.push(...page),
      }));
    }
    if (ids.length > 0) await this.events.publish({ source: 'scoring', derived: { 'lead-score': ids } });
    const modelVersion = scorer.method === 'model' ? scorer.view.label : RULES_VERSION;
    await new AuditService(this.dataSource).recordQuietly({
      keyId: job.data.requestedBy, operation: 'lead.rescore', outcome: 'ok', subjectType: 'contact', modelVersion,
      durationMs: performance.now() - started,
      detail: { reason: job.data.reason, scored, skipped, ...(contactIds ? { requested: contactIds.length } : {}), ...(job.data.eventId ? { event: job.data.eventId } : {}) },
    });
    return { method: scorer.method, modelVersion, scored, skipped };
  }

  /** `lead.scored` per fresh score, as for a scoring request; stops at once when nobody subscribes. */
  private async announce(scores: readonly LeadScore[], scoredAt: Date): Promise<void> {
    for (const score of scores) {
      const subscribers = await this.webhooks.emit('lead.scored', {
        contact_id: score.contact_id, score: score.score, probability: score.probability, confidence: score.confidence,
        recommendation: score.recommendation, model_version: score.model_version, scored_at: scoredAt.toISOString(),
      });
      if (subscribers === 0) return;
    }
  }
}
