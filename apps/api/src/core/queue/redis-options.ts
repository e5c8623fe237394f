import type { RedisOptions } from 'bullmq';

/**
 * ioredis options from a redis:// URL. `purpose` decides how a command behaves while Redis is
 * away: a producer fails at once (the API answers 503 rather than hanging), a worker or event
 * listener waits and resumes by itself when Redis returns (BullMQ requires that for them).
 */
export function redisOptions(url: string, purpose: 'producer' | 'worker'): RedisOptions {
  const parsed = new URL(url);
  const db = parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : 0;
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 6379),
    username: parsed.username || undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    db,
    tls: parsed.protocol === 'rediss:' ? {} : undefined,
    lazyConnect: false,
    // Generous: a busy event loop (a large request being parsed) must not look like a dead Redis.
    connectTimeout: 10_000,
    retryStrategy: (attempt: number) => Math.min(200 * attempt, 2000),
    ...(purpose === 'producer'
      ? { maxRetriesPerRequest: 1, enableOfflineQueue: false }
      : { maxRetriesPerRequest: null, enableOfflineQueue: true }),
  };
}
