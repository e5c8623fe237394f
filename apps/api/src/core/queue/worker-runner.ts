import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit, Optional } from '@nestjs/common';
import { QUEUES } from '@hub/contracts';
import { type Job, UnrecoverableError, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { HUB_CONFIG, type HubConfig } from '../config/hub-config';
import { isJobCancelled, JobCancelledError, listenForJobCancels } from './job-cancellation';
import { JOB_EVENTS, JOB_HANDLERS, type JobEventSink, type JobHandler } from './job-handler';
import { redisOptions } from './redis-options';

/**
 * Runs every job handler on BullMQ workers in this process (`hub worker`). A job whose worker
 * dies stays locked only `HUB_JOB_LOCK_MS`; then another worker picks it up again. Cancelled
 * jobs end as failed with a reason starting "Cancelled", and are not retried.
 */
@Injectable()
export class WorkerRunner implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Worker');
  private readonly workers: Worker[] = [];
  private readonly redis: Redis;
  private readonly subscriber: Redis;

  constructor(
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    @Inject(JOB_HANDLERS) private readonly handlers: JobHandler[],
    @Optional() @Inject(JOB_EVENTS) private readonly events?: JobEventSink,
  ) {
    this.redis = new Redis(redisOptions(config.redis.url, 'worker'));
    this.subscriber = new Redis(redisOptions(config.redis.url, 'worker'));
    for (const client of [this.redis, this.subscriber]) client.on('error', () => undefined);
  }

  async onModuleInit(): Promise<void> {
    const { concurrency, lockMs } = this.config.jobs;
    for (const handler of this.handlers) {
      const worker = new Worker(handler.queue, (job, token, signal) => this.run(handler, job, token, signal), {
        connection: redisOptions(this.config.redis.url, 'worker'),
        concurrency,
        lockDuration: lockMs,
        stalledInterval: Math.max(500, Math.round(lockMs / 2)),
        maxStalledCount: 2,
        name: `hub-worker-${process.pid}`,
        prefix: this.config.redis.prefix,
      });
      worker.on('error', (error) => this.logger.warn(`${handler.queue}: ${error.message}`));
      // Webhook deliveries announce nothing themselves: a failing receiver must not echo events.
      if (handler.queue !== QUEUES.webhooks && this.events) {
        const events = this.events;
        // A child job (a shard of a batch) is a part of its parent's work: the parent announces the whole.
        worker.on('completed', (job, result) => {
          if (!job.parentKey) void events.emit('job.completed', { jobId: job.id, queue: handler.queue, name: job.name, result });
        });
        worker.on('failed', (job, error) => {
          // A child's final failure fails its parent (failParentOnFailure), which the worker reports as failed too.
          if (!job || job.parentKey) return;
          const final = job.attemptsMade >= (job.opts.attempts ?? 1) || error.name === 'UnrecoverableError';
          if (final) void events.emit('job.failed', { jobId: job.id, queue: job.queueName, name: job.name, error: error.message });
        });
      }
      this.workers.push(worker);
    }
    await listenForJobCancels(this.subscriber, this.config.redis.prefix, (jobId) => {
      for (const worker of this.workers) worker.cancelJob(jobId, 'Cancelled on request');
    });
    this.logger.log(`Worker ${process.pid} serving ${this.handlers.map((handler) => handler.queue).join(', ')} (concurrency ${concurrency})`);
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.close()));
    this.subscriber.disconnect();
    this.redis.disconnect();
  }

  private async run(handler: JobHandler, job: Job, token: string | undefined, signal?: AbortSignal): Promise<unknown> {
    const abort = signal ?? new AbortController().signal;
    if (await isJobCancelled(this.redis, this.config.redis.prefix, job.id!)) throw new UnrecoverableError(new JobCancelledError(job.id!).message);
    try {
      return await handler.run(job, {
        signal: abort,
        token,
        isCancelled: (jobId) => isJobCancelled(this.redis, this.config.redis.prefix, jobId),
        report: (percent, message) => job.updateProgress({ percent: Math.max(0, Math.min(100, Math.round(percent))), message }),
      });
    } catch (error) {
      if (abort.aborted || error instanceof JobCancelledError) throw new UnrecoverableError(new JobCancelledError(job.id!).message);
      throw error;
    }
  }
}
