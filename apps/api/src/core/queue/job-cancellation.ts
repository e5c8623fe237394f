import type { Redis } from 'ioredis';

const CANCEL_CHANNEL = 'hub:jobs:cancel';
const cancelKey = (jobId: string) => `hub:jobs:cancelled:${jobId}`;
const CANCEL_TTL_SECONDS = 7 * 24 * 3600;

export class JobCancelledError extends Error {
  constructor(jobId: string) {
    super(`Cancelled: job ${jobId} was cancelled on request`);
    this.name = 'JobCancelledError';
  }
}

/** Marks a job cancelled (read by a worker before it starts it) and tells running workers. */
export async function requestJobCancel(redis: Redis, jobId: string): Promise<void> {
  await redis.set(cancelKey(jobId), '1', 'EX', CANCEL_TTL_SECONDS);
  await redis.publish(CANCEL_CHANNEL, jobId);
}

export async function isJobCancelled(redis: Redis, jobId: string): Promise<boolean> {
  return (await redis.exists(cancelKey(jobId))) === 1;
}

/** In a worker process: call `onCancel` for every cancel request, whichever API instance sent it. */
export async function listenForJobCancels(subscriber: Redis, onCancel: (jobId: string) => void): Promise<void> {
  await subscriber.subscribe(CANCEL_CHANNEL);
  subscriber.on('message', (channel: string, jobId: string) => {
    if (channel === CANCEL_CHANNEL) onCancel(jobId);
  });
}

export function isCancellation(reason: string | undefined): boolean {
  return reason?.startsWith('Cancelled') ?? false;
}
