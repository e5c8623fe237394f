import { describe, expect, it } from 'vitest';
import { backtestForecast, type BacktestRow } from '../backtest/backtest-forecast';
import { previousQuarterStarts } from '../calendar/periods';
import { DAY_MS } from '../deal-state';
import { syntheticDeals, worldStateAt, type SyntheticWorldSettings } from '../testing/synthetic-world';
import { forecastRevenue } from './forecast-revenue';
import type { WinRateShockOption } from './win-rate-shock';
import { learnWinRateShock, normalQuantile, shockedProbabilities, shockLevels } from './win-rate-shock';

const now = Date.UTC(2026, 0, 10);
const world = (seed: number, quarterShockSd: number): SyntheticWorldSettings => ({
  seed, start: now - 1100 * DAY_MS, end: now, dealsPerDay: 2, slipMeanDays: 10, slipSdDays: 20, leadDays: [15, 100], winProbability: [0.1, 0.8], quarterShockSd,
});

function backtestRows(seed: number, quarterShockSd: number, winRateShock: WinRateShockOption): BacktestRow[] {
  const deals = syntheticDeals(world(seed, quarterShockSd));
  return backtestForecast({
    now,
    cutoffs: previousQuarterStarts(now, 6),
    stateAt: (cutoff) => worldStateAt(deals, cutoff),
    outcomes: deals.map((d) => ({ dealId: d.id, amount: d.amount, closedAt: d.closedAt, won: d.won })),
    options: { simulations: 1000, seed, winRateShock },
  }).rows;
}
const coverage = (rows: BacktestRow[]) => rows.filter((r) => r.withinInterval).length / rows.length;

describe('shared win-rate shock', () => {
  it('keeps each deal’s mean probability while spreading it over normal-quantile levels', () => {
    expect(normalQuantile(0.5)).toBeCloseTo(0, 9);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
    expect(normalQuantile(0.01)).toBeCloseTo(-2.326348, 5);
    const shifts = shockLevels(0.5);
    expect(shifts.length).toBe(16);
    expect(shifts.reduce((s, x) => s + x, 0)).toBeCloseTo(0, 9);
    const out = new Float64Array(16);
    for (const p of [0.02, 0.3, 0.5, 0.93]) {
      shockedProbabilities(p, shifts, out);
      expect(out.reduce((s, q) => s + q, 0) / 16).toBeCloseTo(p, 9);
      expect(out[0]!).toBeLessThan(p);
      expect(out[15]!).toBeGreaterThan(p);
    }
    expect(shockLevels(0)).toEqual(Float64Array.of(0));
  });

  it('learns the planted shock’s size from past quarters’ win rates, and nothing from independent deals', () => {
    const many = (sd: number, seed: number) => worldStateAt(syntheticDeals({ ...world(seed, sd), dealsPerDay: 12 }), now);
    const planted = [1, 2, 3, 4].map((seed) => learnWinRateShock(many(0.4, seed).history, now).logOddsSd);
    const mean = planted.reduce((s, x) => s + x, 0) / planted.length;
    expect(mean).toBeGreaterThan(0.2);
    expect(mean).toBeLessThan(0.6);
    const independent = [1, 2, 3, 4].map((seed) => learnWinRateShock(many(0, seed).history, now));
    expect(independent.every((s) => s.source === 'learned' && s.quarters === 8)).toBe(true);
    expect(Math.max(...independent.map((s) => s.logOddsSd))).toBeLessThan(0.15);
  });

  it('says when history is too short, and rejects a given size that is not a number from 0 to 3', () => {
    const short = worldStateAt(syntheticDeals({ ...world(1, 0), start: now - 300 * DAY_MS }), now);
    expect(learnWinRateShock(short.history, now)).toMatchObject({ logOddsSd: 0, source: 'too-little-history' });
    expect(learnWinRateShock(short.history, now, { logOddsSd: 0.3 })).toMatchObject({ logOddsSd: 0.3, source: 'given' });
    expect(() => learnWinRateShock([], now, { logOddsSd: -1 })).toThrow(/winRateShock.logOddsSd must be a number from 0 to 3 \(got -1\)/);
    expect(() => learnWinRateShock([], now, { logOddsSd: Number.NaN })).toThrow(/got NaN/);
  });

  it('leaves the expectation exact and widens the interval, reported in method', () => {
    const state = worldStateAt(syntheticDeals(world(3, 0)), now);
    const plain = forecastRevenue(state, { simulations: 4000, seed: 2, winRateShock: 'none' });
    const shocked = forecastRevenue(state, { simulations: 4000, seed: 2, winRateShock: { logOddsSd: 0.5 } });
    expect(shocked.method.winRateShock).toMatchObject({ logOddsSd: 0.5, source: 'given' });
    const [a, b] = [plain.quarters[0]!, shocked.quarters[0]!];
    expect(b.expected).toBeCloseTo(a.expected, 6);
    expect(Math.abs(b.simulatedMean - b.expected)).toBeLessThan(0.03 * b.expected);
    expect(b.p90 - b.p10).toBeGreaterThan(1.3 * (a.p90 - a.p10));
  });

  it('brings backtest coverage into 70–90% in worlds with a planted common shock, where independent draws fall short', () => {
    const seeds = Array.from({ length: 14 }, (_, i) => 200 + i);
    const without = seeds.flatMap((seed) => backtestRows(seed, 0.45, 'none'));
    const learned = seeds.flatMap((seed) => backtestRows(seed, 0.45, 'learned'));
    console.log(`planted shock sd 0.45: coverage ${coverage(without).toFixed(3)} drawing deals independently, ${coverage(learned).toFixed(3)} with the learned shock (${learned.length} quarters)`);
    expect(coverage(without)).toBeLessThan(0.65);
    expect(coverage(learned)).toBeGreaterThanOrEqual(0.7);
    expect(coverage(learned)).toBeLessThanOrEqual(0.9);
  }, 60_000);
});
