import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type LeadScore, QUEUES } from '@hub/contracts';
import { RULES_VERSION } from '@hub/lead-scoring';
import type { Job } from 'bullmq';
import type { DataSource } from 'typeorm';
import { HUB_CONFIG, type HubConfig } from '../../core/config/hub-config';
import { HubEventsService } from '../../core/events/hub-events.service';
import { JobCancelledError } from '../../core/queue/job-cancellation';
import type { JobContext, JobHandler } from '../../core/queue/job-handler';
import { JobsService } from '../../core/queue/jobs.service';
import { AuditService } from '../audit/audit.service';
import { WebhooksService } from '../webhooks/webhooks.service';
import { LeadScoringEngine } from './lead-scoring.engine';
import { LeadRescoreShards, type RescoreSplit, SCORE_LEADS_SHARD_JOB, type ScoreLeadsShardData, type ShardResult } from './lead-rescore-shards';

export const SCORE_LEADS_JOB = 'score-leads';

export interface ScoreLeadsJobData {
  requestedBy: string;
  reason: string;
  /** Only these contacts (those an import touched); without it, every open lead. */
  contactIds?: number[];
  /** The change event that asked for it, for the audit row. */
  eventId?: string;
  /** Set once a batch has been split into shard jobs. */
  split?: RescoreSplit;
}

export interface ScoreLeadsResult {
  method: 'model' | 'rules';
  modelVersion: string;
  scored: number;
  skipped: number;
  /** How many shard jobs scored it, when the batch was split. */
  shards?: number;
}

/**
 * `ScoreLeadsJob`: rescores the open leads with what scores now (after a rollback, or on request),
 * or only the contacts an import touched. Publishes a `derived` change event with the contacts
 * scored, and announces each targeted score as `lead.scored`; writes one audit row per run.
 *
 * A batch of more open leads than HUB_SCORING_SHARD_LEADS is split into shard jobs that any worker
 * takes (LeadRescoreShards); this handler runs those too.
 */
@Injectable()
export class ScoreLeadsJob implements JobHandler<ScoreLeadsJobData | ScoreLeadsShardData, ScoreLeadsResult> {
  readonly queue = QUEUES.scoring;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    private readonly events: HubEventsService,
    private readonly webhooks: WebhooksService,
    private readonly jobs: JobsService,
  ) {}

  run(job: Job<ScoreLeadsJobData | ScoreLeadsShardData>, context: JobContext): Promise<ScoreLeadsResult> {
    return job.name === SCORE_LEADS_SHARD_JOB
      ? this.runShard(job as Job<ScoreLeadsShardData>, context)
      : this.runBatch(job as Job<ScoreLeadsJobData>, context);
  }

  private async runBatch(job: Job<ScoreLeadsJobData>, context: JobContext): Promise<ScoreLeadsResult> {
    const shards = this.shards();
    if (job.data.split) return this.finishSplit(job, shards, job.data.split);
    const started = Date.now();
    const engine = new LeadScoringEngine(this.dataSource);
    const { contactIds } = job.data;
    const scorer = await engine.activeScorer();
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
      if (context.token && (await shards.worthSplitting())) {
        // Waiting for the shards ends this run; when they were all done first, their sum is the result.
        const split = await shards.split(job, context.token, { requestedBy: job.data.requestedBy, progressFrom: 1 });
        return this.finishSplit(job, shards, split);
      }
      ({ scored, skipped } = await engine.rescoreOpenLeads(scorer, {
        onProgress: (percent, message) => context.report(percent, message), signal: context.signal, jobId: job.id,
        onScored: (page) => void ids.push(...page),
      }));
    }
    if (ids.length > 0) await this.events.publish({ source: 'scoring', derived: { 'lead-score': ids } });
    const modelVersion = scorer.method === 'model' ? scorer.view.label : RULES_VERSION;
    await this.audit(job.data, modelVersion, { scored, skipped }, started);
    return { method: scorer.method, modelVersion, scored, skipped };
  }

  /** A split batch's second run: the shards' results summed; each shard announced its own scores. */
  private async finishSplit(job: Job<ScoreLeadsJobData>, shards: LeadRescoreShards, split: RescoreSplit): Promise<ScoreLeadsResult> {
    const { method, modelVersion, scored, skipped } = await shards.sum(job);
    await this.audit(job.data, modelVersion, { scored, skipped, shards: split.shards }, split.startedAt);
    return { method, modelVersion, scored, skipped, shards: split.shards };
  }

  private shards(): LeadRescoreShards {
    return new LeadRescoreShards(this.dataSource, this.jobs, this.config.leadScoring.shardLeads);
  }

  /** One id range of a split rescore, scored at the split's data end with what scores now. */
  private async runShard(job: Job<ScoreLeadsShardData>, context: JobContext): Promise<ShardResult> {
    const { parentId, range, dataEnd } = job.data;
    if (await context.isCancelled(parentId)) throw new JobCancelledError(parentId);
    const engine = new LeadScoringEngine(this.dataSource);
    const scorer = await engine.activeScorer();
    // Cancelling the batch cancels its shards: checked between pages, as the job's own signal is.
    const parentCancelled = new AbortController();
    const signal = AbortSignal.any([context.signal, parentCancelled.signal]);
    const ids: number[] = [];
    const { scored, skipped } = await engine.rescoreOpenLeads(scorer, {
      signal, jobId: parentId,
      onScored: (page) => {
        ids.push(...page);
        void context.isCancelled(parentId).then((cancelled) => cancelled && parentCancelled.abort(), () => undefined);
      },
    }, 2000, { range, dataEnd });
    if (await context.isCancelled(parentId)) throw new JobCancelledError(parentId);
    if (ids.length > 0) await this.events.publish({ source: 'scoring', derived: { 'lead-score': ids } });
    await this.shards().reportDone(job);
    const modelVersion = scorer.method === 'model' ? scorer.view.label : RULES_VERSION;
    return { method: scorer.method, modelVersion, scored, skipped };
  }

  private async audit(data: ScoreLeadsJobData, modelVersion: string, counts: { scored: number; skipped: number; shards?: number }, startedAt: number): Promise<void> {
    await new AuditService(this.dataSource).recordQuietly({
      keyId: data.requestedBy, operation: 'lead.rescore', outcome: 'ok', subjectType: 'contact', modelVersion,
      durationMs: Date.now() - startedAt,
      detail: {
        reason: data.reason, ...counts, ...(data.contactIds ? { requested: data.contactIds.length } : {}), ...(data.eventId ? { event: data.eventId } : {}),
      },
    });
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
