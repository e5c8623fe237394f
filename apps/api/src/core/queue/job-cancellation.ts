import type { Redis } from 'ioredis';

const cancelChannel = (prefix: string) => `${prefix}:jobs:cancel`;
const cancelKey = (prefix: string, jobId: string) => `${prefix}:jobs:cancelled:${jobId}`;
const CANCEL_TTL_SECONDS = 7 * 24 * 3600;

export class JobCancelledError extends Error {
  constructor(jobId: string) {
    super(`Cancelled: job ${jobId} was cancelled on request`);
    this.name = 'JobCancelledError';
  }
}

/** Marks a job cancelled (read by a worker before it starts it) and tells running workers. */
export async function requestJobCancel(redis: Redis, prefix: string, jobId: string): Promise<void> {
  await redis.set(cancelKey(prefix, jobId), '1', 'EX', CANCEL_TTL_SECONDS);
  await redis.publish(cancelChannel(prefix), jobId);
}

export async function isJobCancelled(redis: Redis, prefix: string, jobId: string): Promise<boolean> {
  return (await redis.exists(cancelKey(prefix, jobId))) === 1;
}

/** In a worker process: call `onCancel` for every cancel request, whichever API instance sent it. */
export async function listenForJobCancels(subscriber: Redis, prefix: string, onCancel: (jobId: string) => void): Promise<void> {
  await subscriber.subscribe(cancelChannel(prefix));
  subscriber.on('message', (channel: string, jobId: string) => {
    if (channel === cancelChannel(prefix)) onCancel(jobId);
  });
}

export function isCancellation(reason: string | undefined): boolean {
  return reason?.startsWith('Cancelled') ?? false;
}
