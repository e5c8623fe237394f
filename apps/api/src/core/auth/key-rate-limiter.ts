import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { HUB_CONFIG, type HubConfig } from '../config/hub-config';
import { redisOptions } from '../queue/redis-options';

export type RateDecision =
  | { allowed: true; limit: number; remaining: number; resetSeconds: number }
  | { allowed: false; limit: number; retryAfterSeconds: number };

const WINDOW_SECONDS = 60;

interface Waiter {
  resolve(decision: RateDecision): void;
  reject(error: unknown): void;
}

/**
 * Requests per key per minute (HUB_RATE_LIMIT_PER_MINUTE), counted in Redis so every API instance
 * shares one budget per key. While Redis is unreachable an in-memory limiter of the same size takes
 * over (per process), so the API keeps answering. Usable by any transport: REST, Socket.IO, MCP.
 */
@Injectable()
export class KeyRateLimiter implements OnModuleDestroy {
  private readonly logger = new Logger('RateLimit');
  private readonly redis: Redis;
  private readonly limiter: RateLimiterRedis;
  private readonly points: number;
  private redisDown = false;
  /** Per key: requests waiting while that key's counter update is in flight (counted together next). */
  private readonly waiting = new Map<string, Waiter[]>();

  constructor(@Inject(HUB_CONFIG) config: HubConfig) {
    this.points = config.rateLimit.perMinute;
    // Key ids are per store, so the counters are too: hubs sharing a Redis never mix budgets.
    const keyPrefix = `${config.redis.prefix}:rate:${storeNamespace(config.database)}`;
    this.redis = new Redis({ ...redisOptions(config.redis.url, 'producer'), commandTimeout: 500 });
    this.redis.on('error', (error: Error) => {
      if (!this.redisDown) this.logger.warn(`Redis unreachable (${error.message}): rate limits are counted in memory until it returns.`);
      this.redisDown = true;
    });
    this.redis.on('ready', () => {
      if (this.redisDown) this.logger.log('Redis is back: rate limits are counted in Redis again.');
      this.redisDown = false;
    });
    this.limiter = new RateLimiterRedis({
      storeClient: this.redis,
      points: this.points,
      duration: WINDOW_SECONDS,
      keyPrefix,
      rejectIfRedisNotReady: true,
      insuranceLimiter: new RateLimiterMemory({ points: this.points, duration: WINDOW_SECONDS, keyPrefix }),
    });
  }

  /**
   * Counts one request of `keyId` and says whether it may go ahead. Requests of one key that arrive
   * while its counter is being updated are counted together in the next update (one Redis round
   * trip for a burst, not one each); each still gets its own place in the count, so the decisions
   * are those of counting them one by one.
   */
  consume(keyId: string): Promise<RateDecision> {
    return new Promise((resolve, reject) => {
      const queue = this.waiting.get(keyId);
      if (queue) {
        queue.push({ resolve, reject });
        return;
      }
      this.waiting.set(keyId, []);
      void this.drain(keyId, [{ resolve, reject }]);
    });
  }

  private async drain(keyId: string, batch: Waiter[]): Promise<void> {
    for (;;) {
      try {
        let res: RateLimiterRes;
        let refused = false;
        try {
          res = await this.limiter.consume(keyId, batch.length);
        } catch (rejection) {
          if (!(rejection instanceof RateLimiterRes)) throw rejection;
          res = rejection;
          refused = true;
        }
        // The i-th request of the batch is the (consumed - n + i)-th of the window; a refusal that
        // counted nothing (a block) refuses them all.
        const first = refused && res.consumedPoints <= this.points ? this.points + 1 : res.consumedPoints - batch.length + 1;
        batch.forEach((waiter, index) => waiter.resolve(this.decision(first + index, res.msBeforeNext)));
      } catch (error) {
        for (const waiter of batch) waiter.reject(error);
      }
      const next = this.waiting.get(keyId) ?? [];
      if (next.length === 0) {
        this.waiting.delete(keyId);
        return;
      }
      this.waiting.set(keyId, []);
      batch = next;
    }
  }

  private decision(position: number, msBeforeNext: number): RateDecision {
    return position <= this.points
      ? { allowed: true, limit: this.points, remaining: Math.max(0, this.points - position), resetSeconds: Math.ceil(msBeforeNext / 1000) }
      : { allowed: false, limit: this.points, retryAfterSeconds: Math.max(1, Math.ceil(msBeforeNext / 1000)) };
  }

  onModuleDestroy(): void {
    this.redis.disconnect();
  }
}

/** A short, stable name for the store a hub serves (its database and schema). */
export function storeNamespace(database: HubConfig['database']): string {
  const where = database.kind === 'postgres' ? database.url : database.dataDir;
  return createHash('sha256').update(`${database.kind}\n${where}\n${database.schema}`).digest('hex').slice(0, 16);
}
