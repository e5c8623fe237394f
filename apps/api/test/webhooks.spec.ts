import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleText, company } from './support/bundle-fixtures';
import { freePort } from './support/hub-process';
import { readJson, startTestApp, startTestWorker, type TestApp } from './support/test-app';
import { waitFor } from './support/wait-for';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}


describe('webhooks for the CRM (PostgreSQL, real Redis)', () => {
  let hub: TestApp;
  let worker: { close(): Promise<void> };
  let receiver: Server;
  let receiverUrl: string;
  const received: Received[] = [];

  beforeAll(async () => {
    hub = await startTestApp('postgres', { HUB_WEBHOOK_ATTEMPTS: '3', HUB_WEBHOOK_BACKOFF_MS: '50' });
    worker = await startTestWorker(hub);
    receiver = createServer((request, response) => {
      let body = '';
      request.setEncoding('utf8').on('data', (part: string) => (body += part)).on('end', () => {
        received.push({ headers: request.headers, body });
        response.writeHead(204).end();
      });
    });
    const port = await freePort();
    await new Promise<void>((done) => receiver.listen(port, '127.0.0.1', done));
    receiverUrl = `http://127.0.0.1:${port}/hooks/hub`;
  });
  afterAll(async () => {
    await worker?.close();
    await hub?.close();
    receiver?.close();
  });

  const post = (path: string, body: unknown) =>
    fetch(`${hub.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...hub.auth }, body: JSON.stringify(body) });

  it('delivers a signed event that the receiver can verify with the secret alone, and logs the delivery', async () => {
    const created = await post('/api/webhooks', { url: receiverUrl, events: ['import.completed'] });
    expect(created.status).toBe(201);
    const hook = await readJson(created);
    expect(hook.secret.length).toBeGreaterThanOrEqual(16);
    expect((await readJson(await fetch(`${hub.url}/api/webhooks`, { headers: hub.auth })))[0].secret).toBeUndefined();

    await fetch(`${hub.url}/api/bundles`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson', ...hub.auth }, body: bundleText([company(1)]) });
    const delivery = await waitFor('the delivery', async () => received.find((item) => item.headers['x-hub-event'] === 'import.completed'));

    const expected = `sha256=${createHmac('sha256', hook.secret).update(delivery.body).digest('hex')}`;
    expect(delivery.headers['x-hub-signature-256']).toBe(expected);
    const payload = JSON.parse(delivery.body);
    expect(payload).toMatchObject({ type: 'import.completed', data: { records: 1 } });
    expect(delivery.headers['x-hub-delivery']).toBe(payload.id);

    const log = await waitFor('the delivery log', async () => {
      const rows = await readJson(await fetch(`${hub.url}/api/webhooks/${hook.id}/deliveries`, { headers: hub.auth }));
      return rows.length > 0 ? rows : undefined;
    });
    expect(log[0]).toMatchObject({ eventId: payload.id, status: 'delivered', attempt: 1, responseStatus: 204 });
  });

  it('retries a receiver that is down with backoff, then marks the delivery failed, logging every try', async () => {
    const deadPort = await freePort();
    const hook = await readJson(await post('/api/webhooks', { url: `http://127.0.0.1:${deadPort}/down`, events: ['import.completed'] }));
    await fetch(`${hub.url}/api/bundles`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson', ...hub.auth }, body: bundleText([company(2)]) });
    const log = await waitFor('three tries', async () => {
      const rows = await readJson(await fetch(`${hub.url}/api/webhooks/${hook.id}/deliveries`, { headers: hub.auth }));
      return rows.length >= 3 ? rows : undefined;
    });
    expect(log.map((row: { status: string }) => row.status)).toEqual(['failed', 'retrying', 'retrying']);
    expect(log.map((row: { attempt: number }) => row.attempt)).toEqual([3, 2, 1]);
    expect(new Set(log.map((row: { eventId: string }) => row.eventId)).size).toBe(1);
    expect(log[0].error).toMatch(/ECONNREFUSED|fetch failed/);
  });

  it('announces finished jobs', async () => {
    await post('/api/webhooks', { url: receiverUrl, events: ['job.completed'] });
    const response = await fetch(`${hub.url}/api/bundles`, {
      method: 'POST', headers: { 'content-type': 'application/x-ndjson', prefer: 'respond-async', ...hub.auth }, body: bundleText([company(3)]),
    });
    const job = await readJson(response);
    const delivery = await waitFor('job.completed', async () =>
      received.find((item) => item.headers['x-hub-event'] === 'job.completed' && JSON.parse(item.body).data.jobId === job.id));
    expect(JSON.parse(delivery.body).data).toMatchObject({ queue: 'hub-imports', name: 'import-bundle' });
  });

  it('refuses a bad registration, naming the field, and answers 404 for an unknown webhook', async () => {
    const badUrl = await post('/api/webhooks', { url: 'ftp://example.test/x', events: ['import.completed'] });
    expect(badUrl.status).toBe(400);
    expect((await readJson(badUrl)).field).toBe('url');
    const badEvent = await post('/api/webhooks', { url: receiverUrl, events: ['deal.won'] });
    expect((await readJson(badEvent)).detail).toMatch(/unknown event "deal.won"/);
    expect((await fetch(`${hub.url}/api/webhooks/00000000-0000-0000-0000-000000000000/deliveries`, { headers: hub.auth })).status).toBe(404);
  });
});
