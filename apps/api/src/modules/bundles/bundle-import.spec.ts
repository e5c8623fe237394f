import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BundleLineError } from '@hub/contracts';
import {
  activity, at, bundleText, chunked, company, contact, deal, exportText, type Line, remove, user,
} from '../../../test/support/bundle-fixtures';
import { createTestStore, storeKinds, type TestStore } from '../../../test/support/test-store';
import { type BundleChanges, importChangeEvent } from './bundle-changes';
import { BundleRejectedError, importBundle } from './bundle-importer';

const BASE: Line[] = [user(1), company(10), contact(100, 10, { owner_id: 1 }), deal(1000, 100), activity(5000, 100)];

describe.each(await storeKinds())('bundle import on %s PostgreSQL', (kind) => {
  let store: TestStore;

  beforeAll(async () => {
    store = await createTestStore(kind);
  });
  afterAll(async () => store?.close());
  beforeEach(async () => {
    await store.truncate();
    await importBundle(store.dataSource, chunked(bundleText(BASE)));
  });

  const load = (lines: Line[] | string) => importBundle(store.dataSource, chunked(typeof lines === 'string' ? lines : bundleText(lines)));

  /** Imports a bad bundle and checks it was refused as a whole, with the store untouched. */
  async function expectRefused(lines: Line[] | string | Buffer): Promise<BundleLineError[]> {
    const before = await exportText(store.dataSource);
    const attempt = importBundle(store.dataSource, chunked(Array.isArray(lines) ? bundleText(lines) : lines));
    const error = await attempt.then(() => undefined, (caught: unknown) => caught);
    expect(error).toBeInstanceOf(BundleRejectedError);
    expect(await exportText(store.dataSource)).toBe(before);
    return (error as BundleRejectedError).errors;
  }

  it('creates, then finds nothing to change when the same bundle comes again', async () => {
    await store.truncate();
    const first = await load(BASE);
    expect(first.entities.contact).toEqual({ created: 1, updated: 0, unchanged: 0, deleted: 0 });
    expect(first.records).toBe(5);
    const second = await load(BASE);
    for (const counts of Object.values(second.entities)) expect(counts).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
  });

  it('updates changed records and reports them as updated', async () => {
    const result = await load([contact(100, 10, { owner_id: 1, lifecycle_stage: 'mql' }), contact(101, 10)]);
    expect(result.entities.contact).toEqual({ created: 1, updated: 1, unchanged: 0, deleted: 0 });
    const rows = await store.dataSource.query(`SELECT lifecycle_stage FROM "${store.schema}".contacts WHERE id = 100`);
    expect(rows[0].lifecycle_stage).toBe('mql');
  });

  it('accepts references to records that come later in the bundle', async () => {
    const result = await load([activity(7001, 200), deal(2000, 200, { company_id: 20 }), contact(200, 20), company(20)]);
    expect(result.entities.activity?.created).toBe(1);
    expect(result.entities.company?.created).toBe(1);
  });

  it('lets the last line win when a key appears twice, in one batch or across batches', async () => {
    const filler = Array.from({ length: 2500 }, (_, index) => company(1000 + index));
    const result = await load([company(30, { name: 'First' }), company(30, { name: 'Second' }), ...filler, company(30, { name: 'Third' }), company(31)]);
    const rows = await store.dataSource.query(`SELECT id, name FROM "${store.schema}".companies WHERE id IN (30, 31) ORDER BY id`);
    expect(rows).toEqual([{ id: '30', name: 'Third' }, { id: '31', name: 'Company 31' }]);
    expect(result.entities.company?.created).toBe(2502);
  });

  it('writes nothing the second time into an empty store either (the bulk path)', async () => {
    await store.truncate();
    const lines = Array.from({ length: 3000 }, (_, index) => activity(10_000 + index, 100));
    const first = await load([...BASE, ...lines]);
    expect(first.entities.activity?.created).toBe(3001);
    const second = await load([...BASE, ...lines]);
    expect(second.entities.activity).toEqual({ created: 0, updated: 0, unchanged: 3001, deleted: 0 });
  });

  it('stores custom properties as JSONB that SQL can query', async () => {
    await load([contact(300, 10, { custom: { tier: 'gold', score: 7, trial: true, note: null } }), contact(301, 10, { custom: { tier: 'silver' } })]);
    const rows = await store.dataSource.query(
      `SELECT id FROM "${store.schema}".contacts WHERE custom @> '{"tier": "gold"}' AND (custom->>'score')::int > 5`,
    );
    expect(rows.map((row: { id: string }) => Number(row.id))).toEqual([300]);
  });

  it('accepts a UTF-8 BOM, CRLF line endings and blank lines as if absent', async () => {
    const text = '\uFEFF' + bundleText([company(40), '', '   ', contact(400, 40)], '\r\n');
    const result = await importBundle(store.dataSource, chunked(text, 5));
    expect(result.entities.company?.created).toBe(1);
    expect(result.entities.contact?.created).toBe(1);
  });

  describe('change events', () => {
    async function changesOf(lines: Line[]) {
      let changes: BundleChanges | undefined;
      await importBundle(store.dataSource, chunked(bundleText(lines)), { onCommitted: (committed) => void (changes = committed) });
      expect(changes).toBeDefined();
      return { changes: changes!, event: await importChangeEvent(store.dataSource, changes!) };
    }

    it('name the keys written and deleted by type, and the contacts they touch', async () => {
      await load([contact(101, 10), contact(102, null), contact(103, null), deal(1001, 103), activity(5001, 103)]);
      const meeting = { type: 'meeting', data: { id: 9, title: 'Intro', contact_ids: [102], started_at: at(4), duration_minutes: 30, notes: 'A: hi' } };
      const { changes, event } = await changesOf([
        activity(5002, 100), activity(5003, 100, { contact_id: null, deal_id: 1001 }), meeting, contact(104, null),
        remove('activity', 5001), activity(5002, 100, { type: 'call' }),
      ]);
      expect(changes.records).toEqual({ activity: [5002, 5003, 5001], meeting: [9], contact: [104] });
      // 100: its activity; 103: the deal of a contact-less activity and a deleted activity; 102: the meeting; 104: written.
      expect(event).toMatchObject({ source: 'import', contacts: [100, 102, 103, 104] });
    });

    it('reach the contacts of a written company, and are not made for a refused import', async () => {
      await load([contact(105, 10), contact(106, null)]);
      const { event } = await changesOf([company(10, { name: 'Renamed' })]);
      expect(event.contacts).toEqual([100, 105]);
      let called = false;
      await expect(importBundle(store.dataSource, chunked(bundleText([contact(107, 999)])), { onCommitted: () => void (called = true) })).rejects.toThrow();
      expect(called).toBe(false);
    });
  });

  describe('refuses bad input, names the line and field, and writes nothing', () => {
    const good = company(50);
    it.each<[string, Line, string, RegExp]>([
      ['malformed JSON', '{"type": "company", "data": {', '$', /not valid JSON/],
      ['a line that is not an object', '[1, 2, 3]', '$', /must be a JSON object/],
      ['an unknown type', { type: 'invoice', data: { id: 1 } }, 'type', /unknown record type "invoice"/],
      ['a missing required field', { type: 'company', data: { id: 51, created_at: at(0) } }, 'data.name', /required/],
      ['a wrong type', company(52, { employees: 'many' }), 'data.employees', /number/],
      ['an unknown enum value', contact(500, 10, { lifecycle_stage: 'prospect' }), 'data.lifecycle_stage', /must be one of/],
      ['an unparseable time', company(53, { created_at: 'yesterday' }), 'data.created_at', /ISO 8601/],
      ['a time without an offset', company(54, { created_at: '2024-01-01T10:00:00' }), 'data.created_at', /offset/],
      ['a non-positive id', company(0), 'data.id', /positive/],
      ['a negative id', company(-4), 'data.id', /positive/],
      ['a non-integer id', company(1.5), 'data.id', /integer/],
      ['a dangling reference', contact(501, 999), 'data.company_id', /company 999, which is neither in this bundle nor in the hub/],
      ['a delete of an unknown id', remove('contact', 424242), 'data.id', /no contact 424242 exists/],
      ['an unknown field', company(55, { revenue: 5 }), 'data.revenue', /not a field of a company/],
      ['a delete without an id', { type: 'delete', data: { entity: 'contact' } }, 'data.id', /required/],
      ['a NUL character, which PostgreSQL text cannot hold', company(57, { name: 'Acme\u0000Corp' }), 'data.name', /NUL character/],
      ['employees beyond the 32-bit column', company(59, { employees: 3_000_000_000 }), 'data.employees', /2147483647/],
      ['a NUL character in a custom property', company(58, { custom: { note: 'a\u0000b' } }), 'data.custom.note', /NUL character/],
    ])('%s', async (_name, bad, field, reason) => {
      const errors = await expectRefused([good, bad, contact(502, 50)]);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatchObject({ line: 2, field });
      expect(errors[0]!.reason).toMatch(reason);
    });

    it('a line over 1 MiB', async () => {
      const huge = company(56, { name: 'x'.repeat(1024 * 1024 + 10) });
      const errors = await expectRefused([good, huge, contact(503, 50)]);
      expect(errors).toEqual([{ line: 2, field: '$', reason: expect.stringMatching(/at most 1 MiB/) }]);
    });

    it('an empty bundle', async () => {
      expect(await expectRefused('')).toEqual([{ line: 0, field: '$', reason: expect.stringMatching(/empty/) }]);
      expect(await expectRefused('\n\r\n  \n')).toHaveLength(1);
    });

    it('a truncated last line', async () => {
      const text = bundleText([good, contact(504, 50)]) + JSON.stringify(contact(505, 50)).slice(0, 40);
      const errors = await expectRefused(text);
      expect(errors).toEqual([{ line: 3, field: '$', reason: expect.stringMatching(/cut short/) }]);
    });

    it('a bad line after thousands of good ones, once writing has begun', async () => {
      const lines: Line[] = [];
      for (let index = 0; index < 6000; index++) lines.push(activity(100_000 + index, 100));
      lines.push(activity(200_000, 100, { occurred_at: 'soon' }));
      const errors = await expectRefused(lines);
      expect(errors).toEqual([{ line: 6001, field: 'data.occurred_at', reason: expect.stringMatching(/ISO 8601/) }]);
    });

    it('reports every bad line, up to a cap, with the total count', async () => {
      const lines: Line[] = [good];
      for (let index = 0; index < 250; index++) lines.push(company(60 + index, { created_at: 'not a time' }));
      const attempt = await load(lines).catch((error: unknown) => error as BundleRejectedError);
      expect(attempt).toBeInstanceOf(BundleRejectedError);
      const problem = (attempt as BundleRejectedError).toProblem();
      expect(problem.errorCount).toBe(250);
      expect(problem.errors).toHaveLength(100);
      expect(problem.truncated).toBe(true);
      expect(problem.errors[0]).toMatchObject({ line: 2, field: 'data.created_at' });
    });
  });

  describe('deletes', () => {
    it('refuse to orphan dependents, naming the delete line', async () => {
      const errors = await expectRefused([company(70), remove('contact', 100)]);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatchObject({ line: 2, field: 'data.id' });
      expect(errors[0]!.reason).toMatch(/still referred to by .*deals\.contact_id \(1\).*activities\.contact_id \(1\)/);
    });

    it('go through when the bundle deletes the dependents too', async () => {
      const result = await load([remove('activity', 5000), remove('deal', 1000), remove('contact', 100)]);
      expect(result.entities.contact?.deleted).toBe(1);
      expect(result.entities.activity?.deleted).toBe(1);
      const rows = await store.dataSource.query(`SELECT count(*)::int AS n FROM "${store.schema}".contacts`);
      expect(rows[0].n).toBe(0);
    });

    it('follow line order against upserts of the same key', async () => {
      await load([company(80), remove('company', 80), company(81), remove('company', 81), company(81, { name: 'Back' })]);
      const rows = await store.dataSource.query(`SELECT id, name FROM "${store.schema}".companies WHERE id IN (80, 81)`);
      expect(rows).toEqual([{ id: '81', name: 'Back' }]);
    });

    it('count a meeting that names the contact as a dependent', async () => {
      await load([{ type: 'meeting', data: { id: 9, title: 'Intro', contact_ids: [100], started_at: at(4), duration_minutes: 30, notes: 'A: hi' } }]);
      const errors = await expectRefused([remove('activity', 5000), remove('deal', 1000), remove('contact', 100)]);
      expect(errors[0]!.reason).toMatch(/meetings\.contact_ids \(1\)/);
    });
  });

  it('leaves nothing half-written when the connection drops before commit, and a retry succeeds', async () => {
    const before = await exportText(store.dataSource);
    const lines = [company(90), contact(900, 90)];
    const attempt = importBundle(store.dataSource, chunked(bundleText(lines)), {
      beforeCommit: async (runner) => {
        // Cut the connection under the open transaction, as a network failure or server restart would.
        const client = (runner as unknown as { databaseConnection: { connection: { stream: { destroy(): void } } } }).databaseConnection;
        client.connection.stream.destroy();
      },
    });
    await expect(attempt).rejects.toThrow();
    expect(await exportText(store.dataSource)).toBe(before);
    const retry = await load(lines);
    expect(retry.entities.contact?.created).toBe(1);
  });

  it('exports in a stable order: export, import into an empty store, export again gives the same bytes', async () => {
    await load([
      user(2, { team: null }), company(11, { custom: { tier: 'gold', arr: 12.5 }, annual_revenue: 1234567.89, country: 'DE' }),
      contact(110, 11, { custom: { b: true }, seniority: 'vp', is_decision_maker: true, updated_at: '2024-02-01T10:00:00+02:00' }),
      deal(1100, 110, { products: ['CORE', 'Add "on"'], expected_close_date: '2024-05-01T23:30:00-05:00', budget_confirmed: false, closed_at: null }),
      { type: 'product', data: { code: 'b-2', name: 'B' } }, { type: 'product', data: { code: 'B-1', name: 'B1', list_price: 9.99, currency: 'EUR' } },
      { type: 'email', data: { id: 1, direction: 'inbound', contact_id: 110, subject: 'Re: price', body: 'Hello\n> quoted\n-- \nSig', sent_at: at(5), thread_id: 't-1' } },
      { type: 'subscription', data: { id: 1, company_id: 11, product: 'CORE', mrr: 99.5, currency: 'EUR', started_at: at(6) } },
      { type: 'ticket', data: { id: 1, company_id: 11, subject: 'Broken', priority: 'urgent', status: 'open', created_at: at(7) } },
    ]);
    const first = await exportText(store.dataSource);
    expect(first).toContain('"expected_close_date":"2024-05-01"');
    await store.truncate();
    await importBundle(store.dataSource, chunked(first));
    expect(await exportText(store.dataSource)).toBe(first);
  });
});
