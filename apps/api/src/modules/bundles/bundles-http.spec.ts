import { request as httpRequest } from 'node:http';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleText, company, contact, exportText } from '../../../test/support/bundle-fixtures';
import { readJson, startTestApp, type TestApp } from '../../../test/support/test-app';
import { storeKinds } from '../../../test/support/test-store';

const NDJSON = { 'content-type': 'application/x-ndjson' };

describe.each(await storeKinds())('bundles over HTTP on %s PostgreSQL', (kind) => {
  let hub: TestApp;
  beforeAll(async () => {
    hub = await startTestApp(kind);
  });
  afterAll(async () => hub?.close());

  it('imports a bundle and answers the counts', async () => {
    const response = await fetch(`${hub.url}/api/bundles`, { method: 'POST', headers: { ...NDJSON, ...hub.auth }, body: bundleText([company(1), contact(10, 1)]) });
    expect(response.status).toBe(200);
    const body = await readJson(response);
    expect(body.entities.company).toEqual({ created: 1, updated: 0, unchanged: 0, deleted: 0 });
    expect(body.lines).toBe(2);
  });

  it('accepts a gzip-compressed bundle', async () => {
    const response = await fetch(`${hub.url}/api/bundles`, {
      method: 'POST', headers: { ...NDJSON, ...hub.auth, 'content-encoding': 'gzip' }, body: gzipSync(bundleText([company(2)])),
    });
    expect(response.status).toBe(200);
    expect((await readJson(response)).entities.company.created).toBe(1);
  });

  it('refuses a bad bundle with a problem document listing each line, and writes nothing', async () => {
    const before = await exportText(hub.store.dataSource);
    const response = await fetch(`${hub.url}/api/bundles`, {
      method: 'POST', headers: { ...NDJSON, ...hub.auth }, body: bundleText([company(3), contact(30, 777), '{oops']),
    });
    expect(response.status).toBe(422);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = await readJson(response);
    expect(problem).toMatchObject({ status: 422, title: 'Invalid bundle', errorCount: 2, truncated: false });
    expect(problem.errors).toEqual([
      { line: 2, field: 'data.company_id', reason: expect.stringMatching(/company 777/) },
      { line: 3, field: '$', reason: expect.stringMatching(/not valid JSON/) },
    ]);
    expect(await exportText(hub.store.dataSource)).toBe(before);
  });

  it('streams a 200 MB request with a bad line at the end, refuses it, and writes nothing', async () => {
    const before = await exportText(hub.store.dataSource);
    const body = 'x'.repeat(100_000);
    const lineOf = (id: number) =>
      JSON.stringify({ type: 'email', data: { id, direction: 'inbound', subject: 'Big', body, sent_at: '2024-01-01T00:00:00Z' } }) + '\n';
    const count = 2000; // 2,000 lines of 100 kB: 200 MB
    const status = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = httpRequest(`${hub.url}/api/bundles`, { method: 'POST', headers: { ...NDJSON, ...hub.auth } }, (response) => {
        let text = '';
        response.setEncoding('utf8').on('data', (part: string) => (text += part)).on('end', () => resolve({ status: response.statusCode!, body: text }));
      });
      request.on('error', reject);
      let id = 1;
      const pump = () => {
        while (id <= count) {
          if (!request.write(lineOf(id++))) return void request.once('drain', pump);
        }
        request.end('{"type": "email", "data": {"id": 0}}\n');
      };
      pump();
    });
    expect(status.status).toBe(422);
    const problem = JSON.parse(status.body);
    expect(problem.errors[0]).toMatchObject({ line: count + 1, field: 'data.id' });
    expect(await exportText(hub.store.dataSource)).toBe(before);
  });

  it('answers 415 for a body that is not NDJSON', async () => {
    const response = await fetch(`${hub.url}/api/bundles`, { method: 'POST', headers: { 'content-type': 'text/csv', ...hub.auth }, body: 'a,b' });
    expect(response.status).toBe(415);
    expect((await readJson(response)).detail).toMatch(/application\/x-ndjson/);
  });

  it('exports the store as NDJSON that imports back unchanged', async () => {
    const response = await fetch(`${hub.url}/api/bundles`, { headers: hub.auth });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/application\/x-ndjson/);
    const text = await response.text();
    expect(text).toBe(await exportText(hub.store.dataSource));
    const again = await fetch(`${hub.url}/api/bundles`, { method: 'POST', headers: { ...NDJSON, ...hub.auth }, body: text });
    const counts = Object.values((await readJson(again)).entities) as { unchanged: number; created: number }[];
    expect(counts.every((entity) => entity.created === 0 && entity.unchanged > 0)).toBe(true);
  });

  it('reports health with the database status', async () => {
    const response = await fetch(`${hub.url}/health`);
    expect(response.status).toBe(200);
    expect(await readJson(response)).toMatchObject({ status: 'ok', database: { status: 'up', kind } });
  });

  it('serves the OpenAPI document and its JSON', async () => {
    const json = await readJson(await fetch(`${hub.url}/api/docs/json`));
    expect(json.openapi).toMatch(/^3\./);
    expect(Object.keys(json.paths)).toEqual(expect.arrayContaining(['/api/bundles', '/health']));
    const page = await fetch(`${hub.url}/api/docs`);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/swagger/i);
  });

  it('answers unknown API routes with a problem document', async () => {
    const response = await fetch(`${hub.url}/api/nothing-here`, { headers: hub.auth });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/problem\+json/);
  });
});
