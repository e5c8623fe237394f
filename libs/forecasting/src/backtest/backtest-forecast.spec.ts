import { describe, expect, it } from 'vitest';
import { previousQuarterStarts } from '../calendar/periods';
import { DAY_MS } from '../deal-state';
import { syntheticDeals, worldStateAt } from '../testing/synthetic-world';
import { backtestForecast, type BacktestResult } from './backtest-forecast';

const now = Date.UTC(2026, 0, 10);

function backtestWorld(seed: number, cutoffCount = 6): BacktestResult {
  const deals = syntheticDeals({ seed, start: now - 1100 * DAY_MS, end: now, dealsPerDay: 2, slipMeanDays: 10, slipSdDays: 20, leadDays: [15, 100], winProbability: [0.1, 0.8] });
  return backtestForecast({
    now,
    cutoffs: previousQuarterStarts(now, cutoffCount),
    stateAt: (cutoff) => worldStateAt(deals, cutoff),
    outcomes: deals.map((d) => ({ dealId: d.id, amount: d.amount, closedAt: d.closedAt, won: d.won })),
    options: { simulations: 1500, seed },
  });
}

describe('backtestForecast', () => {
  it('holds 70–90% of actual quarters within P10–P90 in a world where forecasts are calibrated', () => {
    const results = Array.from({ length: 24 }, (_, i) => backtestWorld(100 + i));
    const rows = results.flatMap((r) => r.rows);
    expect(rows.length).toBe(24 * 6);
    const coverage = rows.filter((r) => r.withinInterval).length / rows.length;
    expect(coverage).toBeGreaterThan(0.7);
    expect(coverage).toBeLessThan(0.9);
    const mape = results.reduce((s, r) => s + r.mape!, 0) / results.length;
    expect(mape).toBeGreaterThan(0.02);
    expect(mape).toBeLessThan(0.25);
  }, 30_000);

  it('reports each cut-off’s quarter, actual, interval and error, and the summary figures from them', () => {
    const result = backtestWorld(7, 4);
    expect(result.rows.map((r) => r.period)).toEqual(['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4']);
    for (const row of result.rows) {
      expect(row.p10).toBeLessThanOrEqual(row.p50);
      expect(row.p50).toBeLessThanOrEqual(row.p90);
      expect(row.absPercentError).toBeCloseTo(Math.abs(row.actual - row.expected) / row.actual, 12);
    }
    expect(result.mape).toBeCloseTo(result.rows.reduce((s, r) => s + r.absPercentError!, 0) / 4, 12);
    expect(result.coverage).toBe(result.rows.filter((r) => r.withinInterval).length / 4);
  });

  it('skips cut-offs with no history or whose quarter is not over, saying why', () => {
    const deals = syntheticDeals({ seed: 1, start: now - 200 * DAY_MS, end: now, dealsPerDay: 2, slipMeanDays: 10, slipSdDays: 20, leadDays: [15, 100], winProbability: [0.1, 0.8] });
    const result = backtestForecast({
      now,
      cutoffs: [Date.UTC(2025, 9, 1), Date.UTC(2026, 0, 1)],
      // As if the CRM had no closed deals before the first cut-off.
      stateAt: (cutoff) => ({ ...worldStateAt(deals, cutoff), history: cutoff < Date.UTC(2025, 11, 1) ? [] : worldStateAt(deals, cutoff).history }),
      outcomes: [],
      options: { simulations: 200 },
    });
    expect(result.rows).toEqual([]);
    expect(result.skipped.map((s) => s.reason)).toEqual([expect.stringMatching(/No won deal/), '2026-Q1 is not over yet']);
    expect(result.mape).toBeNull();
    expect(result.coverage).toBeNull();
  });
});
