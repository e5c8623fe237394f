import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BundleImportResult } from '@hub/contracts';
import type { QueryRunner } from 'typeorm';
import {
  activity, at, bundleText, chunked, company, contact, deal, exportText, type Line, remove, user,
} from '../../../test/support/bundle-fixtures';
import { createTestStore, storeKinds, type TestStore } from '../../../test/support/test-store';
import type { BundleChanges } from './bundle-changes';
import { BundleRejectedError, importBundle } from './bundle-importer';
import { parseWorkerStats } from './bundle-line-parser';

/** Enough lines for many input chunks, with every kind of value the encoder handles. */
function richBundle(activities: number): Line[] {
  const lines: Line[] = [
    user(1), company(10, { custom: { tier: 'gold', note: 'tab\there, "quoted" \\ back', n: 1.5 } }),
    { type: 'product', data: { code: 'CORE', name: 'Core', list_price: 9.99, currency: 'EUR' } },
    contact(100, 10, { owner_id: 1, title: 'Naïve 東京 ✓', custom: { multi: 'line\nbreak\r\nend' } }),
    contact(101, null), deal(1000, 100, { products: ['CORE', 'Add "on"'], expected_close_date: '2024-05-01T23:30:00-05:00' }),
    { type: 'meeting', data: { id: 9, title: 'Intro', deal_id: 1000, contact_ids: [100, 101], started_at: at(4), duration_minutes: 30, notes: 'A: hi\n\tB: \\o/' } },
  ];
  for (let index = 0; index < activities; index++) {
    lines.push(activity(10_000 + index, 100, index % 3 === 0 ? { contact_id: null, deal_id: 1000 } : { metadata: { n: index } }));
  }
  lines.push(company(10, { name: 'Renamed' }), remove('activity', 10_001), remove('product', 'CORE'), activity(10_001, 101));
  return lines;
}

describe.each(await storeKinds())('bundle lines parsed in the worker thread, on %s PostgreSQL', (kind) => {
  let store: TestStore;

  beforeAll(async () => {
    store = await createTestStore(kind);
  });
  afterAll(async () => store?.close());
  beforeEach(async () => store.truncate());

  async function importWith(text: string, parseInWorker: boolean | undefined) {
    await store.truncate();
    let changes: BundleChanges | undefined;
    const result = await importBundle(store.dataSource, chunked(text, 65_536), { parseInWorker, onCommitted: (committed) => void (changes = committed) });
    return { result: { ...result, durationMs: 0 }, changes, exported: await exportText(store.dataSource) };
  }

  it('writes, counts and reports changes exactly as parsing on the main thread does', async () => {
    const text = '\uFEFF' + bundleText(richBundle(12_000), '\r\n').replace('\r\n', '\r\n\r\n   \r\n');
    const before = parseWorkerStats.batches;
    const inWorker = await importWith(text, true);
    expect(parseWorkerStats.batches - before).toBeGreaterThan(10);
    const inline = await importWith(text, false);
    expect(inWorker).toEqual(inline);
    expect(inWorker.result.entities.activity).toEqual({ created: 12_001, updated: 0, unchanged: 0, deleted: 1 });
    expect(inWorker.exported).toContain('"title":"Naïve 東京 ✓"');
    expect(inWorker.changes!.records.product).toEqual(['CORE']);
  });

  it('switches to the thread past 1 MiB when it is on (HUB_IMPORT_WORKER), keeping the bundle in order', async () => {
    const text = bundleText(richBundle(20_000));
    expect(text.length).toBeGreaterThan(2 * 1024 * 1024);
    await importWith(text, true); // the thread is up
    const before = parseWorkerStats.batches;
    const setting = process.env['HUB_IMPORT_WORKER'];
    process.env['HUB_IMPORT_WORKER'] = 'on';
    try {
      const auto = await importWith(text, undefined);
      expect(parseWorkerStats.batches - before).toBeGreaterThan(5);
      expect(auto).toEqual(await importWith(text, false));
      process.env['HUB_IMPORT_WORKER'] = 'off';
      const off = parseWorkerStats.batches;
      await importWith(text, undefined);
      expect(parseWorkerStats.batches).toBe(off);
    } finally {
      if (setting === undefined) delete process.env['HUB_IMPORT_WORKER'];
      else process.env['HUB_IMPORT_WORKER'] = setting;
    }
  });

  it('fails as a whole, and does not hang, when the database refuses a row in the middle of a streamed COPY', async () => {
    await importBundle(store.dataSource, chunked(bundleText([user(1), company(10), contact(100, 10)])));
    const before = await exportText(store.dataSource);
    const lines = richBundle(9000);
    // Valid by the contract, refused by the database: a constraint of the CRM's own DBA, say.
    const activities = `"${store.schema}".activities`;
    await store.dataSource.query(`ALTER TABLE ${activities} ADD CONSTRAINT refuse_90000 CHECK (id <> 90000)`);
    lines.splice(4000, 0, activity(90_000, 100));
    try {
      await expect(importBundle(store.dataSource, chunked(bundleText(lines), 65_536), { parseInWorker: true })).rejects.toThrow(/refuse_90000/);
    } finally {
      await store.dataSource.query(`ALTER TABLE ${activities} DROP CONSTRAINT refuse_90000`);
    }
    expect(await exportText(store.dataSource)).toBe(before);
    const retry = await importBundle(store.dataSource, chunked(bundleText(richBundle(100))));
    expect(retry.entities.activity?.created).toBe(101); // 10,001 is deleted and written again
  });

  it('completes when the bundle is read through the import\'s own connection (a spooled upload), between COPY batches', async () => {
    const text = bundleText(richBundle(12_000));
    async function* throughRunner(runner: QueryRunner) {
      for await (const chunk of chunked(text, 65_536)) {
        await runner.query('SELECT 1'); // as readUpload does for each stored chunk
        yield chunk;
      }
    }
    const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error('the import hung')), 30_000).unref());
    const result = await Promise.race([importBundle(store.dataSource, throughRunner, { parseInWorker: true }), timeout]);
    expect((result as BundleImportResult).entities.activity?.created).toBe(12_001);
  });

  it('reports a bad line the thread found with its number and field, and writes nothing', async () => {
    await importBundle(store.dataSource, chunked(bundleText([user(1), company(10), contact(100, 10)])));
    const before = await exportText(store.dataSource);
    const lines = richBundle(8000);
    lines.splice(5000, 0, activity(90_000, 100, { occurred_at: 'soon' }));
    lines.splice(7000, 0, company(11, { name: 'x'.repeat(1024 * 1024 + 10) }));
    lines.push(contact(102, 999), '{"type": "contact", "data": {');
    const error = await importBundle(store.dataSource, chunked(bundleText(lines), 65_536), { parseInWorker: true })
      .then(() => undefined, (caught: unknown) => caught);
    expect(error).toBeInstanceOf(BundleRejectedError);
    expect((error as BundleRejectedError).errors).toEqual([
      { line: 5001, field: 'data.occurred_at', reason: expect.stringMatching(/ISO 8601/) },
      { line: 7001, field: '$', reason: expect.stringMatching(/at most 1 MiB/) },
      { line: lines.length - 1, field: 'data.company_id', reason: expect.stringMatching(/company 999/) },
      { line: lines.length, field: '$', reason: expect.stringMatching(/not valid JSON/) },
    ]);
    expect(await exportText(store.dataSource)).toBe(before);
  });
});
