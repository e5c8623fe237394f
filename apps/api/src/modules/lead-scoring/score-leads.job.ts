import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type LeadScore, QUEUES } from '@hub/contracts';
import { RULES_VERSION } from '@hub/lead-scoring';
import { Job, WaitingChildrenError } from 'bullmq';
import type { DataSource } from 'typeorm';
import { HUB_CONFIG, type HubConfig } from '../../core/config/hub-config';
import { HubEventsService } from '../../core/events/hub-events.service';
import { JobCancelledError } from '../../core/queue/job-cancellation';
import type { JobContext, JobHandler } from '../../core/queue/job-handler';
import { JobsService } from '../../core/queue/jobs.service';
import { AuditService } from '../audit/audit.service';
import { WebhooksService } from '../webhooks/webhooks.service';
import { LeadScoringEngine } from './lead-scoring.engine';
import type { ContactIdRange } from './lead-snapshot.loader';

export const SCORE_LEADS_JOB = 'score-leads';
/** One id range of a batch rescore, a child of the `score-leads` job that split it. */
export const SCORE_LEADS_SHARD_JOB = 'score-leads-shard';

export interface ScoreLeadsJobData {
  requestedBy: string;
  reason: string;
  /** Only these contacts (those an import touched); without it, every open lead. */
  contactIds?: number[];
  /** The change event that asked for it, for the audit row. */
  eventId?: string;
  /** Set once a batch has been split into shard jobs: the moment they all score at, and how many. */
  split?: { dataEnd: number; shards: number; startedAt: number };
}

export interface ScoreLeadsShardData {
  requestedBy: string;
  range: ContactIdRange;
  dataEnd: number;
  /** The `score-leads` job this shard belongs to (its cancellation cancels the shard). */
  parentId: string;
}

export interface ScoreLeadsResult {
  method: 'model' | 'rules';
  modelVersion: string;
  scored: number;
  skipped: number;
  /** How many shard jobs scored it, when the batch was split. */
  shards?: number;
}

type ShardResult = ScoreLeadsResult;

/**
 * `ScoreLeadsJob`: rescores the open leads with what scores now (after a rollback, or on request),
 * or only the contacts an import touched. Publishes a `derived` change event with the contacts
 * scored, and announces each targeted score as `lead.scored`; writes one audit row per run.
 *
 * A batch of more open leads than HUB_SCORING_SHARD_LEADS is split into shard jobs (ranges of
 * contact ids, all scored at the same data end) on the same queue: any worker, in this process or
 * another, takes them, so more workers rescore faster. The job waits for them in BullMQ's
 * waiting-children state (holding no worker) and then sums their results.
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
    const started = job.data.split?.startedAt ?? Date.now();
    const engine = new LeadScoringEngine(this.dataSource);
    const { contactIds } = job.data;
    if (job.data.split) return this.finishSplit(job, job.data.split, started);
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
      const open = await engine.loader.countContacts('open-leads', Date.now());
      if (open > this.config.leadScoring.shardLeads && context.token) {
        // Waiting for the shards ends this run; when they were all done first, their sum is the result.
        await this.split(job, engine, context.token, started);
        return this.finishSplit(job, job.data.split!, started);
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

  /**
   * Adds one shard job per id range as this job's children and moves this job to waiting for them
   * (throwing BullMQ's WaitingChildrenError); BullMQ runs it again, with `split` in its data, once
   * every shard has completed. Returns only if they all completed before this job could wait.
   */
  private async split(job: Job<ScoreLeadsJobData>, engine: LeadScoringEngine, token: string, startedAt: number): Promise<void> {
    const dataEnd = await engine.loader.dataEnd();
    const ranges = await engine.loader.openLeadRanges(this.config.leadScoring.shardLeads);
    // Shards first, by fixed ids (a retry adds none twice), then the step: a retry never sums shards never added.
    await this.jobs.queue(QUEUES.scoring).addBulk(ranges.map((range, index) => ({
      name: SCORE_LEADS_SHARD_JOB,
      data: { requestedBy: job.data.requestedBy, range, dataEnd, parentId: job.id! } satisfies ScoreLeadsShardData,
      opts: {
        jobId: `${job.id}-shard-${index + 1}`, attempts: 2,
        parent: { id: job.id!, queue: job.queueQualifiedName }, failParentOnFailure: true,
      },
    })));
    await job.updateData({ ...job.data, split: { dataEnd, shards: ranges.length, startedAt } });
    await job.updateProgress({ percent: 1, message: `split into ${ranges.length} shards of up to ${this.config.leadScoring.shardLeads.toLocaleString('en')} open leads` });
    if (await job.moveToWaitingChildren(token)) throw new WaitingChildrenError();
  }

  /** The second step of a split batch: sums the shards' results; each shard has announced its own scores. */
  private async finishSplit(job: Job<ScoreLeadsJobData>, split: NonNullable<ScoreLeadsJobData['split']>, startedAt: number): Promise<ScoreLeadsResult> {
    const results = Object.values(await job.getChildrenValues<ShardResult>());
    const scored = results.reduce((sum, result) => sum + result.scored, 0);
    const skipped = results.reduce((sum, result) => sum + result.skipped, 0);
    const last = results.at(-1);
    const method = last?.method ?? 'rules';
    const modelVersion = last?.modelVersion ?? RULES_VERSION;
    await this.audit(job.data, modelVersion, { scored, skipped, shards: split.shards }, startedAt);
    return { method, modelVersion, scored, skipped, shards: split.shards };
  }

  /** One id range of a split batch, scored at the batch's data end with what scores now. */
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
    await this.reportToParent(job);
    const modelVersion = scorer.method === 'model' ? scorer.view.label : RULES_VERSION;
    return { method: scorer.method, modelVersion, scored, skipped };
  }

  /** The batch's progress: the share of its shards done, this one included (never moving back). */
  private async reportToParent(job: Job<ScoreLeadsShardData>): Promise<void> {
    const parent = await Job.fromId(this.jobs.queue(QUEUES.scoring), job.data.parentId);
    if (!parent) return;
    const { processed = 0, unprocessed = 0 } = await parent.getDependenciesCount({ processed: true, unprocessed: true });
    const total = Math.max(1, processed + unprocessed);
    const done = Math.min(total, processed + 1);
    const previous = typeof parent.progress === 'object' && parent.progress !== null ? Number((parent.progress as { percent?: number }).percent ?? 0) : 0;
    const percent = Math.max(previous, Math.round((99 * done) / total));
    await parent.updateProgress({ percent, message: `scored ${done} of ${total} shards` });
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
