import { describe, expect, it } from 'vitest';
import { DAY_MS, type ClosedDealHistory, type ForecastDeal } from '../deal-state';
import { ForecastInputError } from '../forecast-error';
import { openDeal } from '../testing/hand-built';
import { pipelineHealth, pipelineHealthTrend } from './pipeline-health';

const now = Date.UTC(2026, 3, 1);
const t0 = now - 100 * DAY_MS;
const at = (days: number) => t0 + days * DAY_MS;

function closed(dealId: string, won: boolean, path: [string, number][], closedDay: number): ClosedDealHistory {
  return {
    dealId,
    amount: 1000,
    createdAt: at(path[0]![1]),
    closedAt: at(closedDay),
    won,
    firstExpectedCloseAt: null,
    lastExpectedCloseAt: null,
    stagePath: path.map(([stage, day]) => ({ stage, enteredAt: at(day) })),
    ownerId: 'rep-1',
    team: 'east',
    products: [],
  };
}

const history = [
  closed('A', true, [['prospecting', 0], ['qualification', 10], ['proposal', 30], ['negotiation', 40]], 50),
  closed('B', false, [['prospecting', 0], ['qualification', 20]], 30),
  closed('C', false, [['prospecting', 0]], 10),
  closed('D', true, [['prospecting', 0], ['proposal', 20]], 40),
  // Closed before either one-year window: left out.
  closed('E', true, [['prospecting', -500]], -450),
];

const q2 = { key: '2026-Q2', start: Date.UTC(2026, 3, 1), end: Date.UTC(2026, 6, 1), amount: 1000 };
const open: ForecastDeal[] = [
  openDeal(now, { dealId: 1, expectedCloseAt: Date.UTC(2026, 7, 1), amount: 100, stage: 'proposal', stageEnteredAt: now - 18 * DAY_MS }),
  openDeal(now, { dealId: 2, expectedCloseAt: Date.UTC(2026, 7, 1), amount: 200, stage: 'proposal', stageEnteredAt: now - 17 * DAY_MS }),
  openDeal(now, { dealId: 3, amount: 300, winProbability: 0.5, expectedCloseAt: Date.UTC(2026, 4, 1) }),
  openDeal(now, { dealId: 4, amount: 400, expectedCloseAt: null }),
  openDeal(now, { dealId: 5, amount: 500, winProbability: 0.4, expectedCloseAt: Date.UTC(2026, 5, 30), stage: 'negotiation', stageEnteredAt: now - 40 * DAY_MS, lastActivityAt: now - 35 * DAY_MS }),
  openDeal(now, { dealId: 6, expectedCloseAt: Date.UTC(2026, 7, 1), amount: 500, stage: 'negotiation', stageEnteredAt: now - 40 * DAY_MS, lastActivityAt: now - 5 * DAY_MS }),
];

describe('pipelineHealth', () => {
  const health = pipelineHealth({ now, openDeals: open, history }, { quota: q2 });

  it('computes conversion between stages and velocity from closed deals’ stage paths', () => {
    expect(health.conversions.map((c) => [c.from, c.to, c.entered, c.advanced, c.rate])).toEqual([
      ['prospecting', 'qualification', 4, 3, 0.75],
      ['qualification', 'proposal', 2, 1, 0.5],
      ['proposal', 'negotiation', 2, 2, 1],
      ['negotiation', 'won', 1, 1, 1],
    ]);
    expect(health.velocity.map((v) => v.averageDays)).toEqual([15, 15, 15, 10]);
    expect(health.winRate).toBe(0.5);
    expect(health.averageCycleDays).toBe(45);
    expect(health.closedDeals).toBe(4);
  });

  it('measures coverage, aging, stalled deals and concentration of the open pipeline', () => {
    expect(health.coverage).toEqual({ period: '2026-Q2', quota: 1000, pipeline: 800, weightedPipeline: 350, coverage: 0.8, weightedCoverage: 0.35, dealsWithoutCloseDate: 1 });
    // Proposal stays in history were 10 and 20 days: the 75th percentile is 17.5.
    expect(health.aging.filter((d) => d.stage === 'proposal').map((d) => d.dealId)).toEqual([1]);
    expect(health.stalled.map((d) => [d.dealId, d.daysSinceStageMove, d.daysSinceActivity])).toEqual([[5, 40, 35]]);
    expect(health.concentration.top5Share).toBeCloseTo(0.95, 12);
    expect(health.concentration.herfindahl).toBeCloseTo(0.2, 12);
    expect(health.headline['pipelineValue']).toBe(2000);
  });

  it('gives each headline metric with its change since an earlier moment', () => {
    const earlier = pipelineHealth({ now: now - 90 * DAY_MS, openDeals: open.slice(0, 2), history }, { quota: { ...q2, key: '2026-Q1', amount: 100 } });
    const trend = Object.fromEntries(pipelineHealthTrend(health, earlier).map((t) => [t.metric, t]));
    expect(trend['pipelineValue']).toEqual({ metric: 'pipelineValue', current: 2000, previous: 300, change: 1700 });
    expect(trend['openDeals']!.change).toBe(4);
    // Ninety days earlier only C (lost) had closed; the previous cycle length is unknown.
    expect(trend['winRate']).toMatchObject({ current: 0.5, previous: 0, change: 0.5 });
    expect(trend['averageCycleDays']).toMatchObject({ current: 45, previous: null, change: null });
    expect(trend['conversion:prospecting->qualification']!.current).toBe(0.75);
  });

  it('rejects a quota that is not a finite amount ≥ 0', () => {
    expect(() => pipelineHealth({ now, openDeals: open, history }, { quota: { ...q2, amount: -1 } })).toThrow(ForecastInputError);
    expect(() => pipelineHealth({ now, openDeals: open, history }, { quota: { ...q2, amount: Number.NaN } })).toThrow(/Quota for 2026-Q2/);
  });
});
