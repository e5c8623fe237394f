import { createSeededRandom } from '@hub/ml';
import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../deal-state';
import { normal, syntheticDeals, worldStateAt } from '../testing/synthetic-world';
import { forecastRevenue } from './forecast-revenue';

const now = Date.UTC(2025, 3, 1);
const world = { seed: 9, start: now - 900 * DAY_MS, end: now, dealsPerDay: 3, slipMeanDays: 20, slipSdDays: 15, leadDays: [20, 120] as [number, number], winProbability: [0.1, 0.8] as [number, number] };
const deals = syntheticDeals(world);
const state = worldStateAt(deals, now);

describe('forecast intervals', () => {
  it('hold about 80% of outcomes drawn from the true process between P10 and P90', () => {
    const forecast = forecastRevenue(state, { simulations: 5000, seed: 2 });
    const quarter = forecast.quarters[0]!;
    const truth = deals.filter((d) => d.createdAt <= now && d.closedAt > now);
    const random = createSeededRandom(77);
    const trials = 600;
    let inside = 0;
    for (let t = 0; t < trials; t++) {
      let actual = 0;
      for (const deal of truth) {
        if (random.next() >= deal.p) continue;
        // Redraw the close time from the planted slippage, given that the deal is still open now.
        let closedAt: number;
        do closedAt = Math.max(deal.createdAt + DAY_MS, deal.expectedCloseAt + (world.slipMeanDays + world.slipSdDays * normal(random)) * DAY_MS);
        while (closedAt <= now);
        if (closedAt < quarter.end) actual += deal.amount;
      }
      if (actual >= quarter.p10 && actual <= quarter.p90) inside++;
    }
    expect(truth.length).toBeGreaterThan(200);
    expect(inside / trials).toBeGreaterThan(0.7);
    expect(inside / trials).toBeLessThan(0.9);
  });

  it('agree with exact simulation when most deals are summed as a normal', () => {
    const many = { ...state, openDeals: Array.from({ length: 8 }, (_, k) => state.openDeals.map((d) => ({ ...d, dealId: `${k}-${d.dealId}` }))).flat() };
    const exact = forecastRevenue(many, { simulations: 4000, seed: 5, exactSimulationBudget: Number.POSITIVE_INFINITY });
    const mixed = forecastRevenue(many, { simulations: 4000, seed: 5, exactSimulationBudget: 300 * 4000 });
    expect(mixed.method.exactDeals).toBe(300);
    expect(mixed.method.approximatedDeals).toBe(many.openDeals.length - 300);
    for (let q = 0; q < 2; q++) {
      const a = exact.quarters[q]!;
      const b = mixed.quarters[q]!;
      const width = a.p90 - a.p10;
      expect(width).toBeGreaterThan(0);
      expect(Math.abs(b.simulatedMean - a.simulatedMean)).toBeLessThan(0.05 * width);
      for (const key of ['p10', 'p50', 'p90'] as const) expect(Math.abs(b[key] - a[key])).toBeLessThan(0.08 * width);
      expect(Math.abs(b.p90 - b.p10 - width)).toBeLessThan(0.08 * width);
    }
  });
});
