import { OPEN_DEAL_STAGES, OVERVIEW_TREND_MONTHS, type OverviewTrendsView, type OverviewView, type WhoAmI } from '@hub/contracts';
import { generateDemo } from '@hub/demo-data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createApiKey } from '../../../test/support/api-keys';
import { bundleText, contact, deal } from '../../../test/support/bundle-fixtures';
import { readJson, startTestApp, type TestApp } from '../../../test/support/test-app';
import { storeKinds } from '../../../test/support/test-store';
import { loadDemoIntoStore } from '../../cli/demo-command';
import { monthStartUtc } from './overview.service';

const DAY_MS = 86_400_000;
type Row = Record<string, unknown>;

/** The Overview's figures computed in plain code from the generated records, independently of SQL. */
function expectedFromRecords() {
  const byType = new Map<string, Row[]>();
  for (const record of generateDemo({ size: 'small', seed: 42 }).records) {
    const list = byType.get(record.type) ?? byType.set(record.type, []).get(record.type)!;
    list.push(record.data);
  }
  const times = (type: string, field: string) => (byType.get(type) ?? []).map((row) => Date.parse(String(row[field])));
  const asOf = Math.max(...times('activity', 'occurred_at'), ...times('email', 'sent_at'), ...times('meeting', 'started_at'),
    ...times('contact', 'created_at'), ...times('deal', 'created_at'));
  const deals = byType.get('deal')!;
  const pipeline = new Map<string, { amount: number; deals: number }>();
  for (const deal of deals.filter((d) => (OPEN_DEAL_STAGES as readonly string[]).includes(String(d['stage'])))) {
    const entry = pipeline.get(String(deal['currency'])) ?? { amount: 0, deals: 0 };
    pipeline.set(String(deal['currency']), { amount: entry.amount + Number(deal['amount']), deals: entry.deals + 1 });
  }
  const closedIn = deals.filter((d) => d['closed_at'] && Date.parse(String(d['closed_at'])) > asOf - 90 * DAY_MS && Date.parse(String(d['closed_at'])) <= asOf);
  const created = times('contact', 'created_at');
  const monthStart = monthStartUtc(asOf).getTime();
  const lastMonthStart = monthStartUtc(asOf, -1).getTime();
  return {
    asOf,
    pipeline,
    won: closedIn.filter((d) => d['stage'] === 'closed_won').length,
    lost: closedIn.filter((d) => d['stage'] === 'closed_lost').length,
    thisMonth: created.filter((t) => t >= monthStart && t <= asOf).length,
    lastMonth: created.filter((t) => t >= lastMonthStart && t < monthStart).length,
    trends: trendsFromRecords(asOf, created, deals),
  };
}

/** The twelve months' trends counted from the records, month by month, without SQL. */
function trendsFromRecords(asOf: number, created: number[], deals: Row[]) {
  return Array.from({ length: OVERVIEW_TREND_MONTHS }, (_, i) => {
    const from = monthStartUtc(asOf, i - OVERVIEW_TREND_MONTHS + 1).getTime();
    const to = Math.min(monthStartUtc(asOf, i - OVERVIEW_TREND_MONTHS + 2).getTime() - 1, asOf);
    const closed = deals.filter((d) => d['closed_at'] && Date.parse(String(d['closed_at'])) >= from && Date.parse(String(d['closed_at'])) <= to);
    const wonDeals = closed.filter((d) => d['stage'] === 'closed_won');
    const wonAmount = new Map<string, number>();
    for (const d of wonDeals) wonAmount.set(String(d['currency']), (wonAmount.get(String(d['currency'])) ?? 0) + Number(d['amount']));
    return {
      month: new Date(from).toISOString(),
      newLeads: created.filter((t) => t >= from && t <= to).length,
      won: wonDeals.length,
      lost: closed.filter((d) => d['stage'] === 'closed_lost').length,
      wonAmount,
    };
  });
}

describe.each(await storeKinds())('the Overview and who-am-i over HTTP on %s PostgreSQL', (kind) => {
  let hub: TestApp;
  const expected = expectedFromRecords();
  const overview = async (): Promise<OverviewView> => readJson(await fetch(`${hub.url}/api/overview`, { headers: hub.auth }));
  const trendsOf = async (): Promise<OverviewTrendsView> => readJson(await fetch(`${hub.url}/api/overview/trends`, { headers: hub.auth }));

  beforeAll(async () => {
    hub = await startTestApp(kind);
    await loadDemoIntoStore(hub.store.dataSource, { size: 'small', seed: 42 });
  });
  afterAll(async () => hub?.close());

  it('computes open pipeline per currency, the 90-day win rate and new leads as the records give them', async () => {
    const view = await overview();
    expect(Date.parse(view.asOf)).toBe(expected.asOf);
    expect(view.openPipeline.length).toBe(expected.pipeline.size);
    for (const entry of view.openPipeline) {
      const want = expected.pipeline.get(entry.currency)!;
      expect(entry.deals).toBe(want.deals);
      expect(entry.amount).toBeCloseTo(want.amount, 2);
    }
    // Largest pipeline first.
    expect(view.openPipeline.map((e) => e.amount)).toEqual([...view.openPipeline.map((e) => e.amount)].sort((a, b) => b - a));
    expect(view.winRate90d).toMatchObject({ won: expected.won, lost: expected.lost });
    expect(expected.won + expected.lost).toBeGreaterThan(0);
    expect(view.winRate90d.rate).toBeCloseTo(expected.won / (expected.won + expected.lost), 10);
    expect(view.newLeads).toMatchObject({ thisMonth: expected.thisMonth, lastMonth: expected.lastMonth });
    expect(expected.thisMonth + expected.lastMonth).toBeGreaterThan(0);
    expect(view.expectedRevenueThisQuarter).toMatchObject({ available: false, capability: 'Sales forecasting' });
    expect(view.atRiskAccounts).toMatchObject({ available: false, capability: 'Customer insights' });
  });

  it('gives twelve months of trends ending with the data\'s month, as the records count them', async () => {
    const trends = await trendsOf();
    expect(Date.parse(trends.asOf)).toBe(expected.asOf);
    expect(trends.months.map((m) => m.month)).toEqual(expected.trends.map((m) => m.month));
    for (const [i, month] of trends.months.entries()) {
      const want = expected.trends[i]!;
      expect({ month: month.month, newLeads: month.newLeads, won: month.won, lost: month.lost })
        .toEqual({ month: want.month, newLeads: want.newLeads, won: want.won, lost: want.lost });
      expect(month.winRate).toBe(want.won + want.lost === 0 ? null : want.won / (want.won + want.lost));
      expect(month.wonAmount.map((a) => a.currency).sort()).toEqual([...want.wonAmount.keys()].sort());
      for (const entry of month.wonAmount) expect(entry.amount).toBeCloseTo(want.wonAmount.get(entry.currency)!, 2);
    }
    // The data has history to show, and the last two months agree with the new-leads KPI.
    expect(trends.months.reduce((sum, m) => sum + m.won + m.lost, 0)).toBeGreaterThan(10);
    expect(trends.months.at(-1)!.newLeads).toBe(expected.thisMonth);
    expect(trends.months.at(-2)!.newLeads).toBe(expected.lastMonth);
    expect(new Set(trends.currencies)).toEqual(new Set(expected.trends.flatMap((m) => [...m.wonAmount.keys()])));
  });

  it('shows no scores before any lead is scored, then the stored scores, best first', async () => {
    const before = await overview();
    expect(before.scoredLeads).toBe(0);
    expect(before.topLeads).toEqual([]);
    expect(before.leadScoreDistribution.map((bin) => bin.count)).toEqual(Array(10).fill(0));

    const open: { id: string }[] = await hub.store.dataSource.query(
      `SELECT id::text FROM "${hub.store.schema}".contacts WHERE lifecycle_stage IN ('lead', 'mql', 'sql', 'opportunity') ORDER BY id LIMIT 7`);
    const scores: { id: number; score: number }[] = [];
    for (const { id } of open) {
      const response = await fetch(`${hub.url}/api/mcp/score-lead`, {
        method: 'POST', headers: { ...hub.auth, 'content-type': 'application/json' }, body: JSON.stringify({ contact_id: Number(id) }),
      });
      if (response.status === 200) scores.push({ id: Number(id), score: (await readJson(response)).score });
    }
    expect(scores.length).toBeGreaterThan(2);
    const after = await overview();
    expect(after.scoredLeads).toBe(scores.length);
    for (const bin of after.leadScoreDistribution) {
      expect(bin.count).toBe(scores.filter((s) => s.score >= bin.lower && (s.score < bin.upper || (bin.upper === 100 && s.score === 100))).length);
    }
    expect(after.topLeads.length).toBe(Math.min(5, scores.length));
    const best = [...scores].sort((a, b) => b.score - a.score).slice(0, after.topLeads.length).map((s) => s.score);
    expect(after.topLeads.map((lead) => lead.score)).toEqual(best);
    expect(after.topLeads[0]).toMatchObject({ name: expect.any(String), modelVersion: 'rules@1' });
  });

  it('answers who a key is, with its effective scopes; a read key may read the Overview', async () => {
    const admin = (await readJson(await fetch(`${hub.url}/api/auth/me`, { headers: hub.auth }))) as WhoAmI;
    expect(admin).toMatchObject({ keyId: 'env:admin', effectiveScopes: ['read', 'write', 'admin'] });
    const reader = await createApiKey(hub, ['read'], 'Dashboard viewer');
    const me = (await readJson(await fetch(`${hub.url}/api/auth/me`, { headers: bearer(reader.key) }))) as WhoAmI;
    expect(me).toEqual({ keyId: String(reader.id), name: 'Dashboard viewer', scopes: ['read'], effectiveScopes: ['read'] });
    expect((await fetch(`${hub.url}/api/overview`, { headers: bearer(reader.key) })).status).toBe(200);
    expect((await fetch(`${hub.url}/api/audit`, { headers: bearer(reader.key) })).status).toBe(403);
    const anonymous = await fetch(`${hub.url}/api/auth/me`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toMatch(/problem\+json/);
  });

  // Last: it moves the data's end.
  it('reflects an import at once: the data\'s end, new leads and the month\'s won deals move with it', async () => {
    const [before, beforeTrends] = await Promise.all([overview(), trendsOf()]);
    const later = new Date(Date.parse(before.asOf) + 60_000).toISOString();
    expect(monthStartUtc(Date.parse(later)).getTime()).toBe(Date.parse(before.newLeads.monthStart));
    const imported = await fetch(`${hub.url}/api/bundles`, {
      method: 'POST', headers: { 'content-type': 'application/x-ndjson', ...hub.auth },
      body: bundleText([contact(9_000_001, null, { created_at: later }), deal(9_000_001, 9_000_001, { stage: 'closed_won', amount: 1234, currency: 'EUR', created_at: later, closed_at: later })]),
    });
    expect(imported.status).toBe(200);
    const [after, afterTrends] = await Promise.all([overview(), trendsOf()]);
    expect(after.asOf).toBe(later);
    expect(after.newLeads.thisMonth).toBe(before.newLeads.thisMonth + 1);
    const [last, lastBefore] = [afterTrends.months.at(-1)!, beforeTrends.months.at(-1)!];
    expect(last).toMatchObject({ newLeads: lastBefore.newLeads + 1, won: lastBefore.won + 1 });
    const eur = (m: typeof last) => m.wonAmount.find((a) => a.currency === 'EUR')?.amount ?? 0;
    expect(eur(last)).toBeCloseTo(eur(lastBefore) + 1234, 2);
  });
});
