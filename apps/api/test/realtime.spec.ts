import { randomBytes } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobView } from '@hub/contracts';
import { bearer, createApiKey } from './support/api-keys';
import { bundleText, company } from './support/bundle-fixtures';
import { readJson, startTestApp, startTestWorker, TEST_ADMIN_KEY, type TestApp } from './support/test-app';

type Outcome = { connected: true; socket: Socket } | { connected: false; error: string };

function connect(url: string, token?: string): Promise<Outcome> {
  const socket = io(`${url}/realtime`, { transports: ['websocket'], auth: token ? { token } : {}, reconnection: false });
  return new Promise((done) => {
    let settled = false;
    socket.on('error', (payload: { detail?: string }) => {
      settled = true;
      done({ connected: false, error: payload?.detail ?? 'error' });
    });
    socket.on('disconnect', () => !settled && done({ connected: false, error: 'disconnected' }));
    // The server checks the key after the transport connects: give it a moment to refuse.
    socket.on('connect', () => setTimeout(() => !settled && socket.connected && ((settled = true), done({ connected: true, socket })), 300));
  });
}

function collect(socket: Socket, jobId: () => string): string[] {
  const seen: string[] = [];
  for (const event of ['job.progress', 'job.completed', 'job.failed']) {
    socket.on(event, (payload: { jobId: string }) => payload.jobId === jobId() && seen.push(event));
  }
  return seen;
}

describe('Socket.IO /realtime across two API instances (one Redis)', () => {
  let first: TestApp;
  let second: TestApp;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    const shared = { HUB_REDIS_PREFIX: `test-rt-${randomBytes(3).toString('hex')}` };
    first = await startTestApp('postgres', shared);
    second = await startTestApp('postgres', shared);
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await first?.close();
    await second?.close();
  });

  it('refuses a socket without a key or with a wrong one', async () => {
    const none = await connect(first.url);
    expect(none.connected).toBe(false);
    const wrong = await connect(first.url, 'shk_nothing0_notakeyatall');
    expect(wrong.connected).toBe(false);
    if (!wrong.connected) expect(wrong.error).toMatch(/API key/);
  });

  it('delivers each job event once to every allowed client, whichever instance it is connected to, and not to others', async () => {
    const writer = await createApiKey(first, ['write'], 'sync');
    const reader = await createApiKey(first, ['read'], 'reader');
    const outcomes = await Promise.all([
      connect(first.url, TEST_ADMIN_KEY), connect(second.url, TEST_ADMIN_KEY), connect(first.url, writer.key), connect(first.url, reader.key),
    ]);
    const [adminOnFirst, adminOnSecond, writerSocket, readerSocket] = outcomes.map((outcome) => {
      if (!outcome.connected) throw new Error(`a socket was refused: ${outcome.error}`);
      sockets.push(outcome.socket);
      return outcome.socket;
    });
    let jobId = '';
    const seen = [adminOnFirst!, adminOnSecond!, writerSocket!, readerSocket!].map((socket) => collect(socket, () => jobId));

    const response = await fetch(`${first.url}/api/bundles`, {
      method: 'POST', headers: { 'content-type': 'application/x-ndjson', prefer: 'respond-async', ...bearer(writer.key) }, body: bundleText([company(1)]),
    });
    jobId = ((await readJson(response)) as JobView).id;
    const worker = await startTestWorker(first);
    try {
      const deadline = Date.now() + 30_000;
      while (!seen.slice(0, 3).every((events) => events.includes('job.completed')) && Date.now() < deadline) {
        await new Promise((done) => setTimeout(done, 100));
      }
      await new Promise((done) => setTimeout(done, 500)); // time for any duplicate to arrive
    } finally {
      await worker.close();
    }
    for (const events of seen.slice(0, 3)) expect(events.filter((event) => event === 'job.completed')).toHaveLength(1);
    expect(seen[3]).toEqual([]); // the read-only key did not start this job and is not an admin
  });
});
