import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createApiKey } from '../../../test/support/api-keys';
import { freePort } from '../../../test/support/hub-process';
import { readJson, startTestApp, type TestApp } from '../../../test/support/test-app';
import { waitFor } from '../../../test/support/wait-for';
import { loadHubConfig } from '../config/hub-config';
import { KeyRateLimiter, storeNamespace } from './key-rate-limiter';

const LIMIT = 4;

// Rate limits touch no CRM data: one store kind is enough; Redis is the real one on 127.0.0.1:6379.
describe('per-key rate limits over HTTP', () => {
  let hub: TestApp;
  let redis: Redis;
  beforeAll(async () => {
    hub = await startTestApp('embedded', { HUB_RATE_LIMIT_PER_MINUTE: String(LIMIT) });
    redis = new Redis(hub.config.redis.url);
  });
  afterAll(async () => {
    redis?.disconnect();
    await hub?.close();
  });

  it('answers 429 with Retry-After once a key has spent its minute, counting in Redis', async () => {
    const key = await createApiKey(hub, ['read']);
    const answers = [];
    for (let index = 0; index <= LIMIT; index++) answers.push(await fetch(`${hub.url}/api/bundles`, { headers: bearer(key.key) }));
    expect(answers.map((response) => response.status)).toEqual([200, 200, 200, 200, 429]);
    expect(answers[0]!.headers.get('ratelimit-limit')).toBe(String(LIMIT));
    expect(answers[0]!.headers.get('ratelimit-remaining')).toBe(String(LIMIT - 1));
    const refused = answers[LIMIT]!;
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(await readJson(refused)).toMatchObject({ status: 429, retryAfterSeconds: retryAfter });

    const counter = `${hub.config.redis.prefix}:rate:${storeNamespace(hub.config.database)}:${key.id}`;
    expect(Number(await redis.get(counter))).toBe(LIMIT + 1);
  });

  it('keeps a budget per key: another key is not affected', async () => {
    const other = await createApiKey(hub, ['read']);
    expect((await fetch(`${hub.url}/api/bundles`, { headers: bearer(other.key) })).status).toBe(200);
  });
});

describe('the rate limiter under a burst of one key', () => {
  it('counts concurrent requests together in Redis and decides each as if counted one by one', async () => {
    const config = loadHubConfig({ HUB_REDIS_PREFIX: `test-burst-${process.pid}`, HUB_RATE_LIMIT_PER_MINUTE: '10', HUB_DATA_DIR: '/tmp/unused' });
    const limiter = new KeyRateLimiter(config);
    const redis = new Redis(config.redis.url);
    const keyId = `burst-${Date.now()}`;
    const counter = `${config.redis.prefix}:rate:${storeNamespace(config.database)}:${keyId}`;
    try {
      // Until the limiter's connection is ready it counts in memory: wait for a count in Redis.
      await waitFor('the limiter to count in Redis', async () => {
        await limiter.consume(`${keyId}-warm-up`);
        return Number(await redis.get(`${counter}-warm-up`)) > 0 ? true : undefined;
      }, 5_000);
      const decisions = await Promise.all(Array.from({ length: 14 }, () => limiter.consume(keyId)));
      expect(decisions.filter((decision) => decision.allowed)).toHaveLength(10);
      expect(decisions.slice(10).every((decision) => !decision.allowed)).toBe(true);
      expect(decisions.slice(0, 10).map((decision) => (decision.allowed ? decision.remaining : -1))).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
      expect(Number(await redis.get(counter))).toBe(14);
      await redis.del(counter, `${counter}-warm-up`);
    } finally {
      redis.disconnect();
      limiter.onModuleDestroy();
    }
  });
});

describe('the rate limiter without Redis', () => {
  it('keeps limiting in memory when Redis cannot be reached', async () => {
    const port = await freePort(); // nothing listens here
    const config = loadHubConfig({ REDIS_URL: `redis://127.0.0.1:${port}`, HUB_RATE_LIMIT_PER_MINUTE: '2', HUB_DATA_DIR: '/tmp/unused' });
    const limiter = new KeyRateLimiter(config);
    try {
      const decisions = [await limiter.consume('k1'), await limiter.consume('k1'), await limiter.consume('k1'), await limiter.consume('k2')];
      expect(decisions.map((decision) => decision.allowed)).toEqual([true, true, false, true]);
      expect(decisions[2]).toMatchObject({ allowed: false, retryAfterSeconds: expect.any(Number) });
    } finally {
      limiter.onModuleDestroy();
    }
  });
});
