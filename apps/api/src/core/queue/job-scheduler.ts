import type { Logger } from '@nestjs/common';
import type { QueueName } from '@hub/contracts';
import type { JobsService } from './jobs.service';

/**
 * Puts a cron schedule in force at start (a BullMQ job scheduler, upserted by every API instance, so
 * the pattern in force is the last configured one), or removes it when `cron` is null (`off`).
 * With Redis down it says so and leaves it to the next start.
 */
export async function syncJobScheduler(
  jobs: JobsService, logger: Logger, what: string,
  scheduler: { queue: QueueName; id: string; cron: string | null; job: { name: string; data: object } },
): Promise<void> {
  if (!(await jobs.isRedisUp())) {
    logger.warn(`Redis is not reachable: ${what} will be scheduled at the next start.`);
    return;
  }
  const queue = jobs.queue(scheduler.queue);
  if (scheduler.cron === null) {
    await queue.removeJobScheduler(scheduler.id);
    return;
  }
  await queue.upsertJobScheduler(scheduler.id, { pattern: scheduler.cron, tz: 'UTC' }, { ...scheduler.job, opts: { attempts: 2 } });
}

/** Runs `check` once calls have paused for `delayMs` (imports come in bursts); failures are logged, not thrown. */
export class SettledCheck {
  private timer?: NodeJS.Timeout;

  constructor(private readonly delayMs: number, private readonly logger: Logger, private readonly check: () => Promise<unknown>) {}

  request(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.check().catch((error: Error) => this.logger.warn(`Check failed: ${error.message}`)), this.delayMs);
    this.timer.unref();
  }

  cancel(): void {
    clearTimeout(this.timer);
  }
}
