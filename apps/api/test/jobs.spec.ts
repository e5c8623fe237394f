import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobView } from '@hub/contracts';
import { bundleText, company, contact } from './support/bundle-fixtures';
import { readJson, startTestApp, startTestWorker, TEST_ADMIN_KEY, type TestApp } from './support/test-app';
import { waitFor } from './support/wait-for';

const ASYNC = { 'content-type': 'application/x-ndjson', prefer: 'respond-async' };


describe('jobs and live progress (PostgreSQL, real Redis)', () => {
  let hub: TestApp;
  let socket: Socket;
  beforeAll(async () => {
    hub = await startTestApp('postgres');
    socket = io(`${hub.url}/realtime`, { transports: ['websocket'], auth: { token: TEST_ADMIN_KEY } });
    await new Promise<void>((done, fail) => {
      socket.once('connect', () => done());
      socket.once('connect_error', fail);
    });
  });
  afterAll(async () => {
    socket?.disconnect();
    await hub?.close();
  });

  const job = async (id: string) => readJson(await fetch(`${hub.url}/api/jobs/${id}`, { headers: hub.auth })) as Promise<JobView>;

  it('imports a large bundle as a job, with progress and completion pushed over Socket.IO', async () => {
    const lines = [company(1), ...Array.from({ length: 30_000 }, (_, index) => contact(10 + index, 1))];
    const events: string[] = [];
    let lastPercent = -1;
    socket.on('job.progress', (event: { jobId: string; progress: { percent: number } }) => {
      if (event.jobId !== submittedId) return;
      events.push('progress');
      lastPercent = event.progress.percent;
    });
    let submittedId = '';
    const completed = new Promise<{ jobId: string; result: { records: number } }>((done) => {
      const listener = (event: { jobId: string; result: { records: number } }) => {
        if (event.jobId !== submittedId) return; // other jobs (the retention schedule) finish too
        socket.off('job.completed', listener);
        done(event);
      };
      socket.on('job.completed', listener);
    });

    const response = await fetch(`${hub.url}/api/bundles`, { method: 'POST', headers: { ...ASYNC, ...hub.auth }, body: bundleText(lines) });
    expect(response.status).toBe(202);
    const submitted = (await readJson(response)) as JobView;
    submittedId = submitted.id;
    expect(response.headers.get('location')).toBe(`/api/jobs/${submitted.id}`);
    expect(submitted).toMatchObject({ queue: 'hub-imports', state: 'waiting' });

    const worker = await startTestWorker(hub);
    try {
      const done = await completed;
      expect(done.jobId).toBe(submitted.id);
      expect(done.result.records).toBe(30_001);
      expect(events.length).toBeGreaterThan(0);
      expect(lastPercent).toBeGreaterThanOrEqual(0);
      const view = await job(submitted.id);
      expect(view).toMatchObject({ state: 'completed', progress: { percent: 100 } });
      const rows = await hub.store.dataSource.query(`SELECT count(*)::int AS n FROM "${hub.store.schema}".contacts`);
      expect(rows[0].n).toBe(30_000);
    } finally {
      await worker.close();
    }
  });

  it('fails a refused bundle at once, naming its first problem, and writes nothing', async () => {
    const response = await fetch(`${hub.url}/api/bundles`, { method: 'POST', headers: { ...ASYNC, ...hub.auth }, body: bundleText([company(2), contact(99_999, 404)]) });
    const submitted = (await readJson(response)) as JobView;
    const worker = await startTestWorker(hub);
    try {
      const view = await waitFor('the job to fail', async () => {
        const current = await job(submitted.id);
        return current.state === 'failed' ? current : undefined;
      });
      expect(view.error).toMatch(/line 2 data\.company_id: refers to company 404/);
      expect(view.attempts).toBe(1);
    } finally {
      await worker.close();
    }
    const rows = await hub.store.dataSource.query(`SELECT count(*)::int AS n FROM "${hub.store.schema}".contacts WHERE id = 99999`);
    expect(rows[0].n).toBe(0);
  });

  it('cancels a waiting job: it never runs and ends as cancelled', async () => {
    const response = await fetch(`${hub.url}/api/bundles`, { method: 'POST', headers: { ...ASYNC, ...hub.auth }, body: bundleText([company(3)]) });
    const submitted = (await readJson(response)) as JobView;
    const cancel = await fetch(`${hub.url}/api/jobs/${submitted.id}/cancel`, { method: 'POST', headers: hub.auth });
    expect(cancel.status).toBe(202);
    const worker = await startTestWorker(hub);
    try {
      const view = await waitFor('the job to end', async () => {
        const current = await job(submitted.id);
        return current.state === 'cancelled' ? current : undefined;
      });
      expect(view.error).toMatch(/^Cancelled/);
    } finally {
      await worker.close();
    }
    const rows = await hub.store.dataSource.query(`SELECT count(*)::int AS n FROM "${hub.store.schema}".companies WHERE id = 3`);
    expect(rows[0].n).toBe(0);
    const again = await fetch(`${hub.url}/api/jobs/${submitted.id}/cancel`, { method: 'POST', headers: hub.auth });
    expect(again.status).toBe(409);
  });

  it('lists recent jobs with filters and rejects bad ones', async () => {
    const list = await readJson(await fetch(`${hub.url}/api/jobs?queue=hub-imports&limit=10`, { headers: hub.auth }));
    expect(list.items.length).toBeGreaterThanOrEqual(3);
    expect(list.items[0].createdAt >= list.items[1].createdAt).toBe(true);
    const bad = await fetch(`${hub.url}/api/jobs?state=sleeping`, { headers: hub.auth });
    expect(bad.status).toBe(400);
    expect((await readJson(bad)).parameter).toBe('state');
    expect((await fetch(`${hub.url}/api/jobs/no-such-job`, { headers: hub.auth })).status).toBe(404);
  });
});
