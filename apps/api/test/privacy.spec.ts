import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job } from 'bullmq';
import { PurgeExpiredDataJob } from '../src/modules/privacy/retention.job';
import { activity, at, bundleText, company, contact, deal } from './support/bundle-fixtures';
import { readJson, startTestApp, type TestApp } from './support/test-app';
import { storeKinds } from './support/test-store';

describe.each(await storeKinds())('GDPR export and erase, and retention, on %s PostgreSQL', (kind) => {
  let hub: TestApp;
  let s: string;
  beforeAll(async () => {
    hub = await startTestApp(kind);
    s = `"${hub.store.schema}"`;
    const meeting = (id: number, contactIds: number[]) =>
      ({ type: 'meeting', data: { id, title: 'Call', contact_ids: contactIds, started_at: at(5), duration_minutes: 30, notes: 'A: hi' } });
    const lines = [
      company(1), contact(1, 1), contact(2, 1), deal(10, 1, { company_id: 1 }), activity(100, 1), activity(101, 2),
      { type: 'email', data: { id: 1000, direction: 'inbound', contact_id: 1, subject: 'Hi', body: 'Hello', sent_at: at(4) } },
      meeting(50, [1]), meeting(51, [1, 2]),
      { type: 'ticket', data: { id: 7, company_id: 1, contact_id: 1, subject: 'Help', priority: 'high', status: 'open', created_at: at(6) } },
    ];
    const response = await fetch(`${hub.url}/api/bundles`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson', ...hub.auth }, body: bundleText(lines) });
    expect(response.status).toBe(200);
    await hub.store.dataSource.query(
      `INSERT INTO ${s}.audit_log (key_id, operation, subject_type, subject_ids, outcome) VALUES ('k1', 'lead.score', 'contact', '{1,2}', 'ok')`,
    );
  });
  afterAll(async () => hub?.close());

  it('exports everything the hub holds about a person', async () => {
    const response = await fetch(`${hub.url}/api/contacts/1/export`, { headers: hub.auth });
    expect(response.status).toBe(200);
    const body = await readJson(response);
    expect(body.contact).toMatchObject({ id: '1', first_name: 'Ada' });
    expect(body.company).toMatchObject({ id: '1' });
    expect(body.activities.map((row: { id: string }) => row.id)).toEqual(['100']);
    expect(body.emails).toHaveLength(1);
    expect(body.meetings.map((row: { id: string }) => row.id)).toEqual(['50', '51']);
    expect(body.deals).toHaveLength(1);
    expect(body.tickets).toHaveLength(1);
    expect(body.audit.some((row: { operation: string }) => row.operation === 'lead.score')).toBe(true);
  });

  it('refuses an erase without confirmation, and bad or unknown ids', async () => {
    expect((await fetch(`${hub.url}/api/contacts/1`, { method: 'DELETE', headers: hub.auth })).status).toBe(400);
    expect((await fetch(`${hub.url}/api/contacts/abc/export`, { headers: hub.auth })).status).toBe(400);
    const unknown = await fetch(`${hub.url}/api/contacts/999/export`, { headers: hub.auth });
    expect(unknown.status).toBe(404);
    expect((await readJson(unknown)).detail).toMatch(/No contact 999/);
  });

  it('erases the person and what derives from them, redacts audit rows, and records the erase', async () => {
    const response = await fetch(`${hub.url}/api/contacts/1?erase=true`, { method: 'DELETE', headers: hub.auth });
    expect(response.status).toBe(200);
    const result = await readJson(response);
    expect(result).toMatchObject({
      deleted: { activities: 1, emails: 1, meetings: 1 }, detached: { meetings: 1, deals: 1, tickets: 1 }, auditRowsRedacted: 1,
    });
    const q = async (sql: string) => hub.store.dataSource.query(sql);
    expect(await q(`SELECT id FROM ${s}.contacts ORDER BY id`)).toEqual([{ id: '2' }]);
    expect(await q(`SELECT id FROM ${s}.activities`)).toEqual([{ id: '101' }]);
    expect(await q(`SELECT id, contact_ids FROM ${s}.meetings`)).toEqual([{ id: '51', contact_ids: ['2'] }]);
    expect(await q(`SELECT contact_id FROM ${s}.deals`)).toEqual([{ contact_id: null }]);
    expect(await q(`SELECT contact_id FROM ${s}.tickets`)).toEqual([{ contact_id: null }]);
    expect(await q(`SELECT subject_ids FROM ${s}.audit_log WHERE operation = 'lead.score'`)).toEqual([{ subject_ids: ['2'] }]);
    const erase = await q(`SELECT subject_ids, detail FROM ${s}.audit_log WHERE operation = 'contact.erase'`);
    expect(erase).toHaveLength(1);
    expect(erase[0].subject_ids).toEqual([]);
    expect(Object.keys(erase[0].detail).sort()).toEqual(['auditRowsRedacted', 'deleted', 'detached']);
    expect((await fetch(`${hub.url}/api/contacts/1/export`, { headers: hub.auth })).status).toBe(404);
  });

  it('purges derived data, delivery logs and audit rows past the retention period, and keeps the rest', async () => {
    await hub.store.dataSource.query(
      `INSERT INTO ${s}.audit_log (at, key_id, operation, outcome) VALUES (now() - interval '400 days', 'k1', 'old.op', 'ok'), (now(), 'k1', 'new.op', 'ok')`,
    );
    const job = new PurgeExpiredDataJob(hub.store.dataSource, hub.config);
    const progress: number[] = [];
    const result = await job.run({} as Job, {
      signal: new AbortController().signal, isCancelled: async () => false, report: async (percent) => void progress.push(percent),
    });
    expect(result.purged['audit_log']).toBe(1);
    const left = await hub.store.dataSource.query(`SELECT operation FROM ${s}.audit_log WHERE operation IN ('old.op', 'new.op')`);
    expect(left).toEqual([{ operation: 'new.op' }]);
    expect(progress.length).toBeGreaterThan(0);
  });
});
