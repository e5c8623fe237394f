import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { QUEUES, type TrainLeadModelJobData, type TrainLeadModelResult } from '@hub/contracts';
import { RULES_VERSION } from '@hub/lead-scoring';
import type { Job } from 'bullmq';
import type { DataSource } from 'typeorm';
import { HUB_CONFIG, type HubConfig } from '../../core/config/hub-config';
import { HubEventsService } from '../../core/events/hub-events.service';
import type { JobContext, JobHandler } from '../../core/queue/job-handler';
import { JobsService } from '../../core/queue/jobs.service';
import { AuditService } from '../audit/audit.service';
import { LeadRescoreShards, type RescoreSplit } from './lead-rescore-shards';
import { LeadScoringEngine } from './lead-scoring.engine';

/** A training whose rescore was split into shard jobs keeps its result here until they are done. */
type TrainJobData = TrainLeadModelJobData & { trained?: TrainLeadModelResult; split?: RescoreSplit };

/**
 * `TrainLeadModelJob`: trains a lead model on every labelled lead, registers it as the active
 * version and rescores the open leads, reporting progress all the way. A retry starts over: a
 * version is registered in one transaction, so at worst a retry registers a newer one. More open
 * leads than HUB_SCORING_SHARD_LEADS are rescored by shard jobs any worker takes (LeadRescoreShards):
 * the training completes once they all have.
 */
@Injectable()
export class TrainLeadModelJob implements JobHandler<TrainLeadModelJobData, TrainLeadModelResult> {
  readonly queue = QUEUES.training;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    private readonly events: HubEventsService,
    private readonly jobs: JobsService,
  ) {}

  async run(job: Job<TrainJobData>, context: JobContext): Promise<TrainLeadModelResult> {
    const shards = new LeadRescoreShards(this.dataSource, this.jobs, this.config.leadScoring.shardLeads);
    const { trained, split: done } = job.data;
    if (trained && done) return this.finish(job, context, await this.withShards(shards, job, trained, done.startedAt));
    const rescored: number[] = [];
    const split = context.token !== undefined && (await shards.worthSplitting());
    const result = await new LeadScoringEngine(this.dataSource).train(job.data.requestedBy, {
      onProgress: (percent, message) => context.report(percent, message),
      signal: context.signal,
      jobId: job.id,
      onScored: (ids) => void rescored.push(...ids),
      rescore: !split,
    });
    if (split) {
      // Waiting for the shards ends this run (the result waits in the job's data); if they were all done first, sum them now.
      const { startedAt } = await shards.split(job, context.token!, { requestedBy: job.data.requestedBy, progressFrom: 80, keep: { trained: result } });
      return this.finish(job, context, await this.withShards(shards, job, result, startedAt));
    }
    if (rescored.length > 0) await this.events.publish({ source: 'scoring', derived: { 'lead-score': rescored } });
    return this.finish(job, context, result);
  }

  /** The training's result with its shards' rescore counted in, and their time. */
  private async withShards(shards: LeadRescoreShards, job: Job, trained: TrainLeadModelResult, splitAt: number): Promise<TrainLeadModelResult> {
    return { ...trained, rescored: (await shards.sum(job)).scored, durationMs: trained.durationMs + (Date.now() - splitAt) };
  }

  private async finish(job: Job<TrainJobData>, context: JobContext, result: TrainLeadModelResult): Promise<TrainLeadModelResult> {
    // Worker processes carry no audit module of their own; the service is a plain writer of rows.
    await new AuditService(this.dataSource).recordQuietly({
      keyId: job.data.requestedBy,
      operation: 'lead.model.train',
      outcome: 'ok',
      subjectType: 'model',
      modelVersion: result.version?.label ?? RULES_VERSION,
      durationMs: result.durationMs,
      detail: { outcome: result.outcome, rescored: result.rescored, conversions: result.sufficiency.conversions, rocAuc: result.version?.metrics.test.rocAuc ?? null },
    });
    await context.report(100, result.outcome === 'model' ? `trained ${result.version!.label}` : `kept the rules: ${result.reason}`);
    return result;
  }
}
