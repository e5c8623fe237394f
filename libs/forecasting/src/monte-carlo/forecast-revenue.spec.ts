import { describe, expect, it } from 'vitest';
import { DAY_MS, type ForecastState } from '../deal-state';
import { ForecastInputError } from '../forecast-error';
import { closedDeal, openDeal } from '../testing/hand-built';
import { forecastRevenue } from './forecast-revenue';

const now = Date.UTC(2026, 1, 1);
const day = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d);
// Every won deal closed 10 days early, on time, 15 or 40 days late, equally often.
const slips = [-10, 0, 15, 40];
const history = slips.flatMap((s, k) => Array.from({ length: 10 }, (_, i) => closedDeal(k * 10 + i, now - 300 * DAY_MS, s)));
const pooledOnly = { minSamples: 1000, leadTimeEdgesDays: [0] };

/** Three kinds of deal whose quarter shares follow by hand from the four slips. */
function handState(copies: number): ForecastState {
  const kinds = [
    // March 20 → Mar 10, Mar 20 (Q1), Apr 4, Apr 29 (Q2).
    { expectedCloseAt: day(2026, 3, 20), winProbability: 0.5, amount: 100, owner: 'a' },
    // Overdue Jan 25 → only Feb 9 and Mar 6 lie after now: all in Q1.
    { expectedCloseAt: day(2026, 1, 25), winProbability: 0.8, amount: 300, owner: 'b' },
    // Dec 20 → Dec 10, Dec 20 (Q4), and two dates in 2027, past the horizon.
    { expectedCloseAt: day(2026, 12, 20), winProbability: 0.3, amount: 1000, owner: 'a' },
  ];
  const openDeals = Array.from({ length: copies }, (_, i) => kinds.map((k, j) => openDeal(now, { ...k, dealId: `${i}-${j}`, ownerId: k.owner, stage: 'prospecting' }))).flat();
  return { now, openDeals, history };
}
const handExpected = { '2026-Q1': 25 + 240, '2026-Q2': 25, '2026-Q3': 0, '2026-Q4': 150 };

describe('forecastRevenue', () => {
  it('gives the analytic expectation exactly, and a simulated mean within noise of it', () => {
    const copies = 200;
    const forecast = forecastRevenue(handState(copies), { simulations: 20_000, seed: 3, slippage: pooledOnly });
    for (const q of forecast.quarters) {
      const analytic = copies * handExpected[q.key as keyof typeof handExpected];
      expect(q.expected).toBeCloseTo(analytic, 6);
      // Per-deal variances bound the standard error of the mean over 20,000 simulations.
      const sd = Math.sqrt(copies * (100 ** 2 * 0.25 + 300 ** 2 * 0.8 + 1000 ** 2 * 0.15));
      expect(Math.abs(q.simulatedMean - analytic)).toBeLessThan((4 * sd) / Math.sqrt(20_000) + 1e-9);
    }
    expect(forecast.months.find((m) => m.key === '2026-02')!.expected).toBeCloseTo(copies * 120, 6);
    expect(forecast.method).toMatchObject({ exactDeals: 600, approximatedDeals: 0 });
  });

  it('keeps quantiles in order and breakdowns adding up to the total', () => {
    const forecast = forecastRevenue(handState(50), { simulations: 5000, seed: 1, slippage: pooledOnly });
    for (const p of [...forecast.months, ...forecast.quarters]) {
      expect(p.p10).toBeLessThanOrEqual(p.p50);
      expect(p.p50).toBeLessThanOrEqual(p.p90);
    }
    const q1 = forecast.quarters[0]!;
    const sumOf = (rows: { quarters: number[] }[]) => rows.reduce((s, r) => s + r.quarters[0]!, 0);
    expect(sumOf(forecast.byOwner)).toBeCloseTo(q1.expected, 6);
    expect(sumOf(forecast.byTeam)).toBeCloseTo(q1.expected, 6);
    expect(sumOf(forecast.byProduct)).toBeCloseTo(q1.expected, 6);
    expect(forecast.byOwner.map((o) => o.key)).toEqual(['b', 'a']);
    expect(forecast.categories.reduce((s, c) => s + c.expectedByQuarter[0]!, 0)).toBeCloseTo(q1.expected, 6);
  });

  it('files deals by the documented category rule', () => {
    const forecast = forecastRevenue(handState(1), { simulations: 100, slippage: pooledOnly });
    const counts = Object.fromEntries(forecast.categories.map((c) => [c.category, c.dealCount]));
    // p 0.8 → commit; p 0.5 → best case; p 0.3 in prospecting → pipeline.
    expect(counts).toEqual({ commit: 1, 'best-case': 1, pipeline: 1 });
    const strict = forecastRevenue(handState(1), { simulations: 100, slippage: pooledOnly, categoryRule: { commitStages: [], commitMinProbability: 0.9, bestCaseStages: [], bestCaseMinProbability: 0.9 } });
    expect(strict.categories.find((c) => c.category === 'pipeline')!.dealCount).toBe(3);
  });

  it('is deterministic for a seed and changes with it', () => {
    const state = handState(30);
    const run = (seed: number) => forecastRevenue(state, { simulations: 2000, seed, slippage: pooledOnly }).quarters.map((q) => [q.p10, q.p50, q.p90, q.simulatedMean]);
    expect(run(7)).toEqual(run(7));
    expect(run(7)).not.toEqual(run(8));
  });

  it('gives the probability of reaching each quota', () => {
    const forecast = forecastRevenue(handState(50), { simulations: 4000, slippage: pooledOnly, quotas: { '2026-Q1': 0, '2026-Q2': 1e9, '2026-03': 7250 } });
    expect(forecast.quarters[0]!.quota).toEqual({ amount: 0, probabilityToReach: 1 });
    expect(forecast.quarters[1]!.quota!.probabilityToReach).toBe(0);
    const march = forecast.months.find((m) => m.key === '2026-03')!;
    // The quota is March's expectation (50 × (25 + 120)): reached about half the time.
    expect(march.expected).toBeCloseTo(7250, 6);
    expect(march.quota!.probabilityToReach).toBeGreaterThan(0.35);
    expect(march.quota!.probabilityToReach).toBeLessThan(0.65);
  });

  it('rejects a quota that is negative, not a number or outside the horizon, naming the period', () => {
    const state = handState(1);
    const attempt = (quotas: Record<string, number>) => () => forecastRevenue(state, { simulations: 100, quotas });
    expect(attempt({ '2026-Q2': -5 })).toThrow(/Quota for 2026-Q2 must be a finite number ≥ 0 \(got -5\)/);
    expect(attempt({ '2026-04': Number.NaN })).toThrow(/Quota for 2026-04/);
    expect(attempt({ '2026-Q3': '12' as unknown as number })).toThrow(ForecastInputError);
    expect(attempt({ '2031-Q1': 10 })).toThrow(/2031-Q1 is not in the forecast horizon/);
  });

  it('says what is missing instead of making a figure up', () => {
    const noHistory = () => forecastRevenue({ now, openDeals: handState(1).openDeals, history: [] });
    expect(noHistory).toThrow(/No won deal with its stage history/);
    try {
      noHistory();
    } catch (error) {
      expect(error).toMatchObject({ code: 'insufficient-history', missing: ['closed-won deals with stage history (stage entry times and close dates)'] });
    }
    const lostOnly = history.map((d) => ({ ...d, won: false }));
    expect(() => forecastRevenue({ now, openDeals: handState(1).openDeals, history: lostOnly })).toThrow(/No won deal/);
    expect(() => forecastRevenue({ now, openDeals: [], history })).toThrow(/no open deals and no subscriptions/);
  });

  it('rejects a deal with an impossible probability or amount, naming it', () => {
    const bad = (overrides: object) => () => forecastRevenue({ now, history, openDeals: [openDeal(now, { dealId: 'x9', ...overrides })] }, { simulations: 100 });
    expect(bad({ winProbability: 1.2 })).toThrow(/Deal x9: winProbability/);
    expect(bad({ amount: Number.NaN })).toThrow(/Deal x9: amount/);
  });

  it('books deals already won inside the horizon', () => {
    // No stage path, so it does not join the slippage observations.
    const won = closedDeal(999, day(2026, 1, 10), 0, { amount: 777, stagePath: [] });
    const forecast = forecastRevenue({ ...handState(1), history: [...history, won] }, { simulations: 200, slippage: pooledOnly });
    expect(forecast.months[0]!.booked).toBe(777);
    expect(forecast.months[0]!.p10).toBe(777);
    expect(forecast.quarters[0]!.expected).toBeCloseTo(777 + handExpected['2026-Q1'], 6);
  });
});
