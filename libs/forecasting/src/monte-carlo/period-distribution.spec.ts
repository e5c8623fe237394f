import { describe, expect, it } from 'vitest';
import { DAY_MS, type ForecastState } from '../deal-state';
import { ForecastInputError } from '../forecast-error';
import { closedDeal, openDeal } from '../testing/hand-built';
import { forecastRevenue } from './forecast-revenue';
import { DISTRIBUTION_POINTS, probabilityAtLeast, withQuotas } from './period-distribution';

const now = Date.UTC(2026, 1, 1);
const history = [-10, 0, 15, 40].flatMap((slip, k) => Array.from({ length: 10 }, (_, i) => closedDeal(k * 10 + i, now - 300 * DAY_MS, slip)));
const state: ForecastState = {
  now, history,
  openDeals: Array.from({ length: 300 }, (_, i) => openDeal(now, {
    dealId: i, stage: 'proposal', amount: 1_000 + 97 * (i % 40), winProbability: 0.2 + 0.6 * ((i * 7) % 10) / 10, expectedCloseAt: now + (10 + (i % 200)) * DAY_MS,
  })),
};

describe('quota odds from a stored forecast\'s distribution', () => {
  const stored = forecastRevenue(state, { simulations: 10_000, seed: 5, keepDistribution: true });

  it('agree with re-simulating to within 0.1 percentage point, for quotas across each period\'s range', () => {
    for (const period of [...stored.months.slice(0, 6), ...stored.quarters.slice(0, 2)]) {
      expect(period.distribution).toHaveLength(DISTRIBUTION_POINTS);
      for (const amount of [0.5 * period.p10, period.p10, period.p50, period.p90, 1.5 * period.p90 + 1]) {
        const exact = forecastRevenue(state, { simulations: 10_000, seed: 5, quotas: { [period.key]: amount } });
        const fromStored = withQuotas(stored, { [period.key]: amount });
        const exactPeriod = [...exact.months, ...exact.quarters].find((p) => p.key === period.key)!;
        const storedPeriod = [...fromStored.months, ...fromStored.quarters].find((p) => p.key === period.key)!;
        expect(Math.abs(storedPeriod.quota!.probabilityToReach - exactPeriod.quota!.probabilityToReach), `${period.key} at ${amount}`).toBeLessThanOrEqual(0.001 + 1e-12);
      }
    }
    // 40 full re-simulations: ~3 s alone, past vitest's default 5 s when CI shares the two cores.
  }, 60_000);

  it('refuses quotas that are negative, not numbers or outside the horizon, and a forecast kept without distributions', () => {
    expect(() => withQuotas(stored, { [stored.quarters[0]!.key]: -1 })).toThrow(ForecastInputError);
    expect(() => withQuotas(stored, { '1999-Q1': 5 })).toThrow(/1999-Q1 is not in the forecast horizon/);
    expect(() => withQuotas(stored, { [stored.quarters[0]!.key]: Number.NaN })).toThrow(/finite number/);
    const bare = forecastRevenue(state, { simulations: 200, seed: 5 });
    expect(() => withQuotas(bare, { [bare.quarters[0]!.key]: 5 })).toThrow(/recompute/);
  });

  it('reads the mass at or above a point from the grid', () => {
    const grid = Array.from({ length: 11 }, (_, i) => i * 10); // uniform on 0..100
    expect(probabilityAtLeast(grid, -5)).toBe(1);
    expect(probabilityAtLeast(grid, 0)).toBe(1);
    expect(probabilityAtLeast(grid, 25)).toBeCloseTo(0.75, 12);
    expect(probabilityAtLeast(grid, 100)).toBeCloseTo(0, 12);
    expect(probabilityAtLeast(grid, 101)).toBe(0);
  });
});
