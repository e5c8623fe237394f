import { type ChildProcess, spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobView } from '@hub/contracts';
import { bundleText, company, contact } from './support/bundle-fixtures';
import { freePort } from './support/hub-process';
import { readJson, spawnTestWorker, startTestApp, type TestApp } from './support/test-app';
import { waitFor } from './support/wait-for';

const exited = (child: ChildProcess) => new Promise<void>((done) => (child.exitCode !== null ? done() : child.once('exit', () => done())));
const ASYNC = { 'content-type': 'application/x-ndjson', prefer: 'respond-async' };


describe('a worker killed in the middle of a job (PostgreSQL, real Redis)', () => {
  let hub: TestApp;
  beforeAll(async () => {
    hub = await startTestApp('postgres');
  });
  afterAll(async () => hub?.close());

  it('leaves the job to another worker, which completes it with nothing lost and nothing applied twice', async () => {
    const total = 150_000;
    const lines = [company(1), ...Array.from({ length: total }, (_, index) => contact(1 + index, 1))];
    const response = await fetch(`${hub.url}/api/bundles`, { method: 'POST', headers: { ...ASYNC, ...hub.auth }, body: bundleText(lines) });
    const submitted = (await readJson(response)) as JobView;
    const job = async () => (await readJson(await fetch(`${hub.url}/api/jobs/${submitted.id}`, { headers: hub.auth }))) as JobView;

    // A short lock, so the dead worker's job is noticed as stalled within seconds.
    const first = spawnTestWorker(hub, { HUB_JOB_LOCK_MS: '1500' });
    await waitFor('the import to be under way', async () => {
      const view = await job();
      return view.state === 'active' && view.progress.percent > 0 ? view : undefined;
    }, 60_000);
    await first.close('SIGKILL');

    const second = spawnTestWorker(hub, { HUB_JOB_LOCK_MS: '1500' });
    try {
      const done = await waitFor('the job to complete', async () => {
        const view = await job();
        return view.state === 'completed' ? view : undefined;
      }, 90_000);
      expect((done.result as { entities: { contact: { created: number } } }).entities.contact.created).toBe(total);
      const rows = await hub.store.dataSource.query(`SELECT count(*)::int AS n, count(DISTINCT id)::int AS d FROM "${hub.store.schema}".contacts`);
      expect(rows[0]).toEqual({ n: total, d: total });
    } finally {
      await second.close();
    }
  });
});

describe('Redis stopping and coming back', () => {
  let hub: TestApp;
  let redis: ChildProcess | undefined;
  let port: number;
  const startRedis = async () => {
    redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    await waitFor('redis to listen', async () => ((await import('node:net')).connect(port, '127.0.0.1').once('error', () => undefined), true), 60_000);
  };
  const stopRedis = async () => {
    if (!redis) return;
    redis.kill('SIGKILL');
    await exited(redis);
    redis = undefined;
  };

  beforeAll(async () => {
    port = await freePort();
    await startRedis();
    hub = await startTestApp('postgres', { REDIS_URL: `redis://127.0.0.1:${port}` });
  });
  afterAll(async () => {
    await hub?.close();
    await stopRedis();
  });

  it('keeps serving reads, answers job submissions with 503, and recovers by itself', async () => {
    await fetch(`${hub.url}/api/bundles`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson', ...hub.auth }, body: bundleText([company(7)]) });
    await stopRedis();

    const health = await waitFor('health to notice', async () => {
      const body = await readJson(await fetch(`${hub.url}/health`));
      return body.redis.status === 'down' ? body : undefined;
    }, 60_000);
    expect(health).toMatchObject({ status: 'degraded', database: { status: 'up' } });
    const read = await fetch(`${hub.url}/api/bundles`, { headers: hub.auth });
    expect(read.status).toBe(200);
    expect(await read.text()).toContain('"id":7');
    const refused = await fetch(`${hub.url}/api/bundles`, { method: 'POST', headers: { ...ASYNC, ...hub.auth }, body: bundleText([company(8)]) });
    expect(refused.status).toBe(503);
    expect((await readJson(refused)).detail).toMatch(/Redis/);

    await startRedis();
    const accepted = await waitFor('job submissions to work again', async () => {
      const attempt = await fetch(`${hub.url}/api/bundles`, { method: 'POST', headers: { ...ASYNC, ...hub.auth }, body: bundleText([company(9)]) });
      return attempt.status === 202 ? attempt : undefined;
    }, 30_000);
    expect(accepted.status).toBe(202);
    const recovered = await readJson(await fetch(`${hub.url}/health`));
    expect(recovered.redis.status).toBe('up');
  });
});
