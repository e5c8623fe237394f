import { QUEUE_NAMES, QUEUES, type QueueName } from '@hub/contracts';
import { RULES_VERSION } from '@hub/lead-scoring';
import { Job, WaitingChildrenError } from 'bullmq';
import type { DataSource } from 'typeorm';
import type { JobsService } from '../../core/queue/jobs.service';
import { LeadSnapshotLoader, type ContactIdRange } from './lead-snapshot.loader';

/** One id range of a batch rescore, a child of the job that split it (`score-leads` or a training). */
export const SCORE_LEADS_SHARD_JOB = 'score-leads-shard';

export interface ScoreLeadsShardData {
  requestedBy: string;
  range: ContactIdRange;
  dataEnd: number;
  /** The job this shard belongs to (its cancellation cancels the shard). */
  parentId: string;
  /** The parent's progress when the shards start; they move it on to 99 as they finish. */
  progressFrom: number;
}

export interface ShardResult {
  method: 'model' | 'rules';
  modelVersion: string;
  scored: number;
  skipped: number;
}

/** What a split rescore keeps in its job's data between the split and the sum. */
export interface RescoreSplit {
  dataEnd: number;
  shards: number;
  startedAt: number;
}

/**
 * A batch rescore of many open leads as shard jobs (ranges of contact ids, all scored at the same
 * data end) on the scoring queue, children of the job that asked for it: any worker, in this
 * process or another, takes them, so more workers rescore faster. The parent waits for them in
 * BullMQ's waiting-children state, holding no worker, and sums their results when run again.
 */
export class LeadRescoreShards {
  private readonly loader: LeadSnapshotLoader;

  constructor(dataSource: DataSource, private readonly jobs: JobsService, private readonly shardLeads: number) {
    this.loader = new LeadSnapshotLoader(dataSource);
  }

  /** Whether the open leads are too many for one job (HUB_SCORING_SHARD_LEADS). */
  async worthSplitting(): Promise<boolean> {
    return (await this.loader.countContacts('open-leads', Date.now())) > this.shardLeads;
  }

  /**
   * Adds one shard job per id range as children of `parent` and moves it to waiting for them
   * (throwing BullMQ's WaitingChildrenError); `keep` is merged into the parent's data with the
   * split, for its second run. Returns only if every shard completed before the parent could wait.
   */
  async split(parent: Job, token: string, options: { requestedBy: string; progressFrom: number; keep?: object }): Promise<RescoreSplit> {
    const startedAt = Date.now();
    const dataEnd = await this.loader.dataEnd();
    const ranges = await this.loader.openLeadRanges(this.shardLeads);
    // Shards first, by fixed ids (a retry adds none twice), then the parent's step: a retry never sums shards never added.
    await this.jobs.queue(QUEUES.scoring).addBulk(ranges.map((range, index) => ({
      name: SCORE_LEADS_SHARD_JOB,
      data: { requestedBy: options.requestedBy, range, dataEnd, parentId: parent.id!, progressFrom: options.progressFrom } satisfies ScoreLeadsShardData,
      opts: {
        jobId: `${parent.id}-shard-${index + 1}`, attempts: 2,
        parent: { id: parent.id!, queue: parent.queueQualifiedName }, failParentOnFailure: true,
      },
    })));
    const split: RescoreSplit = { dataEnd, shards: ranges.length, startedAt };
    await parent.updateData({ ...parent.data, ...options.keep, split });
    await parent.updateProgress({
      percent: options.progressFrom, message: `rescoring in ${ranges.length} shards of up to ${this.shardLeads.toLocaleString('en')} open leads`,
    });
    if (await parent.moveToWaitingChildren(token)) throw new WaitingChildrenError();
    return split;
  }

  /** The shards' results summed (a parent's second run). */
  async sum(parent: Job): Promise<ShardResult> {
    const results = Object.values(await parent.getChildrenValues<ShardResult>());
    const last = results.at(-1);
    return {
      method: last?.method ?? 'rules',
      modelVersion: last?.modelVersion ?? RULES_VERSION,
      scored: results.reduce((sum, result) => sum + result.scored, 0),
      skipped: results.reduce((sum, result) => sum + result.skipped, 0),
    };
  }

  /** A finished shard moves its parent's progress on: the share of shards done, this one included (never back). */
  async reportDone(shard: Job<ScoreLeadsShardData>): Promise<void> {
    const queueName = QUEUE_NAMES.find((name) => shard.parent?.queueKey.endsWith(`:${name}`));
    const parent = queueName && (await Job.fromId(this.jobs.queue(queueName as QueueName), shard.data.parentId));
    if (!parent) return;
    const { processed = 0, unprocessed = 0 } = await parent.getDependenciesCount({ processed: true, unprocessed: true });
    const total = Math.max(1, processed + unprocessed);
    const done = Math.min(total, processed + 1);
    const from = shard.data.progressFrom;
    const previous = typeof parent.progress === 'object' && parent.progress !== null ? Number((parent.progress as { percent?: number }).percent ?? 0) : 0;
    const percent = Math.max(previous, Math.round(from + ((99 - from) * done) / total));
    await parent.updateProgress({ percent, message: `rescored ${done} of ${total} shards of open leads` });
  }
}
