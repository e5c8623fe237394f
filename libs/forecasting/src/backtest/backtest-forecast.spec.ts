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

  it('learns from the errors of earlier cut-offs only: a model whose level errs from quarter to quarter gets honest intervals', () => {
    // Each cut-off's "model" misjudges every deal's odds by the same factor, e^δ with δ ~ N(0, 0.5²),
    // as a model trained on few deals does; the simulation alone cannot know it.
    const run = (seed: number, learnFromPastErrors: boolean) => {
      const deals = syntheticDeals({ seed, start: now - 1400 * DAY_MS, end: now, dealsPerDay: 2, slipMeanDays: 10, slipSdDays: 20, leadDays: [15, 100], winProbability: [0.1, 0.8] });
      return backtestForecast({
        now, cutoffs: previousQuarterStarts(now, 8), learnFromPastErrors,
        stateAt: (cutoff) => {
          const state = worldStateAt(deals, cutoff);
          const u1 = fraction(seed * 7919 + cutoff / DAY_MS);
          const u2 = fraction(seed * 104729 + cutoff / DAY_MS + 0.5);
          const delta = 0.5 * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
          const shift = (p: number) => 1 / (1 + ((1 - p) / p) * Math.exp(-delta));
          return { ...state, openDeals: state.openDeals.map((d) => ({ ...d, winProbability: shift(d.winProbability) })) };
        },
        outcomes: deals.map((d) => ({ dealId: d.id, amount: d.amount, closedAt: d.closedAt, won: d.won })),
        options: { simulations: 1000, seed },
      });
    };
    const coverage = (results: BacktestResult[]) => {
      const rows = results.flatMap((r) => r.rows);
      return rows.filter((r) => r.withinInterval).length / rows.length;
    };
    const learning = Array.from({ length: 16 }, (_, i) => run(300 + i, true));
    const blind = Array.from({ length: 16 }, (_, i) => run(300 + i, false));
    const [withErrors, without] = [coverage(learning), coverage(blind)];
    console.log(`level error sd 0.5 in log-odds: coverage ${without.toFixed(3)} blind, ${withErrors.toFixed(3)} learning from past errors (${learning.flatMap((r) => r.rows).length} quarters)`);
    expect(without).toBeLessThan(0.6);
    expect(withErrors).toBeGreaterThan(without + 0.15);
    // The oldest cut-off has nothing to learn from: the same interval either way; each error is of a quarter over before any cut-off that used it.
    const [first] = [...learning[0]!.rows].sort((a, b) => a.cutoff - b.cutoff);
    const [firstBlind] = [...blind[0]!.rows].sort((a, b) => a.cutoff - b.cutoff);
    expect([first!.p10, first!.p90]).toEqual([firstBlind!.p10, firstBlind!.p90]);
    for (const error of learning[0]!.pastErrors) expect(error.knownAt).toBeGreaterThan(error.cutoff);
    expect(learning[0]!.pastErrors.map((e) => e.cutoff)).toEqual([...learning[0]!.rows].map((r) => r.cutoff).sort((a, b) => a - b));
  }, 60_000);
});

/** A deterministic number in (0, 1) from any seed. */
function fraction(seed: number): number {
  const x = Math.sin(seed * 12.9898) * 43758.5453;
  return Math.min(1 - 1e-9, Math.max(1e-9, x - Math.floor(x)));
}
