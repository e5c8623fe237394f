import type { QueueName } from '@hub/contracts';
import type { Job } from 'bullmq';

/** What a running job may do besides its work: report progress, notice a cancel request. */
export interface JobContext {
  report(percent: number, message: string): Promise<void>;
  /** Aborted when someone cancels the job; long loops pass it on or check it. */
  signal: AbortSignal;
  /** The worker's lock on the job: a job that splits itself into child jobs waits for them with it. */
  token?: string;
  /** Whether a cancel was asked for this job (or another one, such as the job a child belongs to). */
  isCancelled(jobId: string): Promise<boolean>;
}

/**
 * One kind of job (`<Verb><Noun>Job`): the queue it runs on and its work. Handlers are plain
 * Nest providers listed under JOB_HANDLERS; worker processes run them, API processes never do.
 */
export interface JobHandler<Data = unknown, Result = unknown> {
  readonly queue: QueueName;
  run(job: Job<Data>, context: JobContext): Promise<Result>;
}

export const JOB_HANDLERS = Symbol('JOB_HANDLERS');

/** Where workers announce finished jobs (the webhooks module provides it). */
export interface JobEventSink {
  emit(type: 'job.completed' | 'job.failed', data: unknown): Promise<unknown>;
}

export const JOB_EVENTS = Symbol('JOB_EVENTS');
