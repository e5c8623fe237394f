import { getQueueToken } from '@nestjs/bullmq';
import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { type JobProgress, type JobState, type JobView, QUEUE_NAMES, type QueueName } from '@hub/contracts';
import type { Job, JobsOptions, Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { HUB_CONFIG, type HubConfig } from '../config/hub-config';
import { HubProblem } from '../http/problem-details.filter';
import { isCancellation, isJobCancelled, requestJobCancel } from './job-cancellation';
import { redisOptions } from './redis-options';

const REDIS_DOWN = 'The job queue (Redis) is not reachable right now; reads keep working. Try again shortly.';

/** Submitting, reading and cancelling jobs, whatever queue they run on. */
@Injectable()
export class JobsService implements OnModuleInit, OnModuleDestroy {
  private readonly redis: Redis;

  constructor(
    private readonly moduleRef: ModuleRef,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {
    this.redis = new Redis(redisOptions(config.redis.url, 'producer'));
    this.redis.on('error', () => undefined); // reported through health and 503s, not as crashes
  }

  onModuleInit(): void {
    // Redis going away is reported by health and 503s; the queues reconnect by themselves.
    for (const name of QUEUE_NAMES) this.queue(name).on('error', () => undefined);
  }

  async onModuleDestroy(): Promise<void> {
    this.redis.disconnect();
  }

  queue(name: QueueName): Queue {
    return this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
  }

  /** Whether Redis answers now; a connection still being (re)established gets a moment to finish. */
  async isRedisUp(): Promise<boolean> {
    const within = <T>(ms: number, promise: Promise<T>) =>
      Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms))]);
    try {
      if (this.redis.status !== 'ready') await within(1500, new Promise((done) => this.redis.once('ready', done)));
      return (await within(2000, this.redis.ping())) === 'PONG';
    } catch {
      return false;
    }
  }

  async submit<T extends object>(queue: QueueName, name: string, data: T, options: JobsOptions = {}): Promise<JobView> {
    if (!(await this.isRedisUp())) throw new HubProblem(503, 'queue-unavailable', REDIS_DOWN);
    const job = await this.queue(queue).add(name, data, { jobId: randomUUID(), ...options });
    return this.toView(queue, job);
  }

  async get(id: string): Promise<JobView> {
    if (!(await this.isRedisUp())) throw new HubProblem(503, 'queue-unavailable', REDIS_DOWN);
    for (const name of QUEUE_NAMES) {
      const job = await this.queue(name).getJob(id);
      if (job) return this.toView(name, job);
    }
    throw new HubProblem(404, 'job-not-found', `No job ${id} exists (finished jobs are kept for 7 days, failed ones for 30).`);
  }

  async list(filter: { queue?: QueueName; state?: JobState; limit: number }): Promise<JobView[]> {
    if (!(await this.isRedisUp())) throw new HubProblem(503, 'queue-unavailable', REDIS_DOWN);
    const states = filter.state === 'cancelled' ? ['failed'] : filter.state ? [filter.state] : ['active', 'waiting', 'delayed', 'completed', 'failed'];
    const views: JobView[] = [];
    for (const name of filter.queue ? [filter.queue] : QUEUE_NAMES) {
      const jobs = await this.queue(name).getJobs(states as never, 0, filter.limit - 1);
      for (const job of jobs) views.push(await this.toView(name, job));
    }
    return views
      .filter((view) => !filter.state || view.state === filter.state)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
      .slice(0, filter.limit);
  }

  async cancel(id: string): Promise<JobView> {
    const view = await this.get(id);
    if (['completed', 'failed', 'cancelled'].includes(view.state)) {
      throw new HubProblem(409, 'job-finished', `Job ${id} has already ${view.state === 'completed' ? 'completed' : 'ended'}; there is nothing to cancel.`);
    }
    await requestJobCancel(this.redis, this.config.redis.prefix, id);
    return { ...view, state: view.state === 'active' ? 'active' : 'cancelled' };
  }

  /**
   * Whether a failed job ended by a cancel: its reason says so, or, for a job split into child jobs
   * (which fails when a cancelled child does, its reason naming the child), a cancel was asked for it.
   */
  async endedCancelled(jobId: string, failedReason: string | undefined): Promise<boolean> {
    return isCancellation(failedReason) || (await isJobCancelled(this.redis, this.config.redis.prefix, jobId));
  }

  async toView(queue: QueueName, given: Job): Promise<JobView> {
    let job = given;
    const raw = await job.getState();
    // The job was read before its state: if it finished in between, its result is in a fresher read.
    if ((raw === 'completed' || raw === 'failed') && !job.finishedOn) job = (await this.queue(queue).getJob(job.id!)) ?? job;
    const cancelled = raw === 'failed' && (await this.endedCancelled(job.id!, job.failedReason));
    const state: JobState = cancelled ? 'cancelled'
      : raw === 'prioritized' || raw === 'waiting-children' ? 'waiting'
      : (['waiting', 'active', 'completed', 'failed', 'delayed'] as string[]).includes(raw) ? (raw as JobState) : 'unknown';
    const progress = typeof job.progress === 'object' && job.progress !== null
      ? (job.progress as unknown as JobProgress)
      : { percent: typeof job.progress === 'number' ? job.progress : 0, message: '' };
    const data = job.data as { requestedBy?: string };
    return {
      id: job.id!,
      queue,
      name: job.name,
      state,
      progress: state === 'completed' ? { percent: 100, message: progress.message || 'done' } : progress,
      attempts: job.attemptsMade,
      result: state === 'completed' ? job.returnvalue : undefined,
      error: state === 'failed' || state === 'cancelled' ? job.failedReason : undefined,
      requestedBy: data.requestedBy,
      createdAt: new Date(job.timestamp).toISOString(),
      startedAt: job.processedOn ? new Date(job.processedOn).toISOString() : undefined,
      finishedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : undefined,
    };
  }
}
