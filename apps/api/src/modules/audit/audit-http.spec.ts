import type { AuditEntry, AuditPage } from '@hub/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createApiKey } from '../../../test/support/api-keys';
import { bundleText, company, contact } from '../../../test/support/bundle-fixtures';
import { readJson, startTestApp, type TestApp } from '../../../test/support/test-app';
import { storeKinds } from '../../../test/support/test-store';
import { AuditService } from './audit.service';

const NDJSON = { 'content-type': 'application/x-ndjson' };

describe.each(await storeKinds())('the audit log on %s PostgreSQL', (kind) => {
  let hub: TestApp;
  let startedAt: string;
  beforeAll(async () => {
    hub = await startTestApp(kind);
    startedAt = new Date(Date.now() - 1000).toISOString();
  });
  afterAll(async () => hub?.close());

  const audit = async (query: string): Promise<AuditPage> => {
    const response = await fetch(`${hub.url}/api/audit${query}`, { headers: hub.auth });
    expect(response.status, await response.clone().text()).toBe(200);
    return readJson(response);
  };

  it('records a REST import with its outcome, duration and counts, and a refused one as an error', async () => {
    const writer = await createApiKey(hub, ['write'], 'importer');
    const ok = await fetch(`${hub.url}/api/bundles`, { method: 'POST', headers: { ...NDJSON, ...bearer(writer.key) }, body: bundleText([company(1), contact(10, 1)]) });
    expect(ok.status).toBe(200);
    const bad = await fetch(`${hub.url}/api/bundles`, { method: 'POST', headers: { ...NDJSON, ...bearer(writer.key) }, body: bundleText([contact(11, 404)]) });
    expect(bad.status).toBe(422);
    const { items } = await audit(`?operation=bundle.import&keyId=${writer.id}`);
    expect(items).toEqual([
      expect.objectContaining({ outcome: 'error', subjectType: 'bundle', detail: expect.objectContaining({ status: 422, errorCount: 1 }) }),
      expect.objectContaining({
        outcome: 'ok', subjectType: 'bundle', keyId: String(writer.id),
        detail: expect.objectContaining({ lines: 2, records: 2, entities: expect.objectContaining({ company: { created: 1, updated: 0, unchanged: 0, deleted: 0 } }) }),
      }),
    ]);
    for (const row of items) expect(row.durationMs).toEqual(expect.any(Number));
  });

  it('records exports too', async () => {
    await (await fetch(`${hub.url}/api/bundles`, { headers: hub.auth })).text();
    const { items } = await audit('?operation=bundle.export&limit=1');
    expect(items[0]).toMatchObject({ keyId: 'env:admin', outcome: 'ok' });
  });

  describe('filters and paging', () => {
    const service = () => new AuditService(hub.store.dataSource);
    beforeAll(async () => {
      for (let index = 1; index <= 7; index++) {
        await service().record({
          keyId: 'filter-test', operation: 'lead.score', outcome: index % 3 === 0 ? 'error' : 'ok', subjectType: 'contact',
          subjectIds: [index, 100 + index], modelVersion: 'lead-v1', durationMs: index, detail: { index },
        });
      }
    });

    it('filters by operation, key, subject, outcome and time', async () => {
      const scored = await audit('?operation=lead.score&keyId=filter-test');
      expect(scored.items.map((row) => row.detail!['index'])).toEqual([7, 6, 5, 4, 3, 2, 1]);
      expect(scored.items[0]).toMatchObject({ modelVersion: 'lead-v1', subjectType: 'contact', subjectIds: [7, 107] });
      expect((await audit('?subjectType=contact&subjectId=104')).items.map((row) => row.detail!['index'])).toEqual([4]);
      expect((await audit('?keyId=filter-test&outcome=error')).items.map((row) => row.detail!['index'])).toEqual([6, 3]);
      expect((await audit(`?keyId=filter-test&from=${startedAt}`)).items).toHaveLength(7);
      expect((await audit(`?keyId=filter-test&to=${startedAt}`)).items).toHaveLength(0);
      expect((await audit('?keyId=nobody')).items).toEqual([]);
    });

    it('pages newest first with a cursor until nextCursor is null', async () => {
      const seen: AuditEntry[] = [];
      let query = '?keyId=filter-test&limit=3';
      const sizes: number[] = [];
      for (;;) {
        const page = await audit(query);
        sizes.push(page.items.length);
        seen.push(...page.items);
        if (!page.nextCursor) break;
        query = `?keyId=filter-test&limit=3&cursor=${page.nextCursor}`;
      }
      expect(sizes).toEqual([3, 3, 1]);
      expect(seen.map((row) => row.detail!['index'])).toEqual([7, 6, 5, 4, 3, 2, 1]);
      expect((await audit('?keyId=filter-test')).nextCursor).toBeNull();
    });

    it('answers a bad filter with 400 naming the parameter', async () => {
      for (const [query, parameter] of [
        ['limit=0', 'limit'], ['limit=501', 'limit'], ['limit=ten', 'limit'], ['outcome=maybe', 'outcome'],
        ['from=yesterday', 'from'], ['to=2024-01-01', 'to'], ['subjectId=-4', 'subjectId'], ['subjectId=1.5', 'subjectId'],
        ['cursor=bm90LWEtY3Vyc29y', 'cursor'], ['cursor=%2F%2F', 'cursor'], ['colour=red', 'colour'], ['keyId=a&keyId=b', 'keyId'],
        ['from=2024-02-01T00:00:00Z&to=2024-01-01T00:00:00Z', 'to'],
      ]) {
        const response = await fetch(`${hub.url}/api/audit?${query}`, { headers: hub.auth });
        expect(response.status, query).toBe(400);
        expect(response.headers.get('content-type')).toMatch(/problem\+json/);
        const problem = await readJson(response);
        expect(problem.parameter, query).toBe(parameter);
        expect(problem.detail, query).toMatch(new RegExp(`^${parameter}\\b`));
      }
    });
  });

  it('keeps rows append-only: the database refuses updates and deletes', async () => {
    const table = `"${hub.store.schema}".audit_log`;
    await expect(hub.store.dataSource.query(`UPDATE ${table} SET key_id = 'someone-else'`)).rejects.toThrow(/append-only/);
    await expect(hub.store.dataSource.query(`DELETE FROM ${table}`)).rejects.toThrow(/append-only/);
    expect((await audit('?keyId=filter-test')).items).toHaveLength(7);
  });

  it('is for admins only', async () => {
    const writer = await createApiKey(hub, ['write']);
    expect((await fetch(`${hub.url}/api/audit`, { headers: bearer(writer.key) })).status).toBe(403);
    expect((await fetch(`${hub.url}/api/audit`)).status).toBe(401);
  });
});
