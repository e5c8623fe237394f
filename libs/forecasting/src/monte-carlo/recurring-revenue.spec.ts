import { describe, expect, it } from 'vitest';
import { DAY_MS, type SubscriptionState } from '../deal-state';
import { learnChurnHazard } from './churn-hazard';
import { forecastRevenue } from './forecast-revenue';

const now = Date.UTC(2026, 1, 15);
const yearAgo = now - 365.25 * DAY_MS;

/** 100 customers paying 1,000 a month (two products) since well before the window; `churned` of them stopped during it. */
function book(churned: number): SubscriptionState[] {
  return Array.from({ length: 100 }, (_, c) => {
    const endedAt = c < churned ? yearAgo + ((c + 0.5) / churned) * (now - yearAgo) : null;
    return [
      { companyId: c, product: 'core', mrr: 600, startedAt: yearAgo - 400 * DAY_MS, endedAt },
      { companyId: c, product: 'analytics', mrr: 400, startedAt: yearAgo - 200 * DAY_MS, endedAt },
    ];
  }).flat();
}

describe('recurring revenue', () => {
  it('learns the monthly churn hazard as churned customers over paid customer-months', () => {
    const hazard = learnChurnHazard(book(12), now);
    expect(hazard.churnEvents).toBe(12);
    // 88 customers × 12 months + 12 customers × 6 months on average.
    expect(hazard.exposureCustomerMonths).toBeCloseTo(88 * 12 + 12 * 6, 0);
    expect(hazard.monthlyHazard).toBeCloseTo(12 / (88 * 12 + 72), 3);
  });

  it('expects each customer to keep paying with probability (1 − hazard) per month after this one', () => {
    const subscriptions = book(12);
    const forecast = forecastRevenue({ now, openDeals: [], history: [], subscriptions }, { simulations: 4000, seed: 2 });
    const h = forecast.method.churn!.monthlyHazard;
    // The horizon starts in January; February holds now. January counts only the 88 still paying.
    expect(forecast.months[0]!.expected).toBeCloseTo(88_000 + 1000 * subscriptions.filter((s, i) => i % 2 === 0 && s.endedAt !== null && s.endedAt > Date.UTC(2026, 0, 1)).length, 6);
    expect(forecast.months[1]!.expected).toBeCloseTo(88_000, 6);
    expect(forecast.months[1]!.p10).toBe(88_000);
    expect(forecast.months[11]!.expected).toBeCloseTo(88_000 * (1 - h) ** 10, 6);
    expect(Math.abs(forecast.months[11]!.simulatedMean - forecast.months[11]!.expected)).toBeLessThan(300);
    expect(forecast.months[11]!.p10).toBeLessThan(forecast.months[11]!.p90);
    expect(forecast.byProduct.map((p) => p.key)).toEqual(['core', 'analytics']);
  });

  it('uses a given churn probability per company over the learned one', () => {
    const subscriptions = book(0).filter((s) => s.companyId === 0);
    const forecast = forecastRevenue({ now, openDeals: [], history: [], subscriptions, monthlyChurnByCompany: new Map([[0, 0.1]]) }, { simulations: 20_000 });
    expect(forecast.method.churn).toBeNull();
    expect(forecast.months[5]!.expected).toBeCloseTo(1000 * 0.9 ** 4, 6);
    expect(forecast.months[5]!.simulatedMean).toBeCloseTo(1000 * 0.9 ** 4, -1);
    expect(() => forecastRevenue({ now, openDeals: [], history: [], subscriptions, monthlyChurnByCompany: new Map([[0, 1.5]]) })).toThrow(/company 0 must be within 0..1/);
  });

  it('agrees with exact draws when most customers are summed as a normal', () => {
    const subscriptions = Array.from({ length: 1500 }, (_, c) => ({ companyId: c, product: 'core', mrr: 100 + (c % 37) * 40, startedAt: yearAgo, endedAt: null }));
    const monthlyChurnByCompany = new Map(subscriptions.map((s) => [s.companyId, 0.01 + (s.companyId % 5) * 0.01]));
    const state = { now, openDeals: [], history: [], subscriptions, monthlyChurnByCompany };
    const exact = forecastRevenue(state, { simulations: 3000, seed: 4, exactSimulationBudget: Number.POSITIVE_INFINITY });
    const mixed = forecastRevenue(state, { simulations: 3000, seed: 4, exactSimulationBudget: 200 * 3000 });
    expect(mixed.method).toMatchObject({ exactCustomers: 200, approximatedCustomers: 1300 });
    for (const q of [1, 3]) {
      const a = exact.quarters[q]!;
      const b = mixed.quarters[q]!;
      const width = a.p90 - a.p10;
      expect(width).toBeGreaterThan(0);
      for (const key of ['simulatedMean', 'p10', 'p50', 'p90'] as const) expect(Math.abs(b[key] - a[key])).toBeLessThan(0.08 * width);
    }
  });

  it('says churn cannot be learned from too short a subscription history', () => {
    const subscriptions = [0, 1, 2].map((c) => ({ companyId: c, product: 'core', mrr: 100, startedAt: now - 60 * DAY_MS, endedAt: null }));
    expect(() => forecastRevenue({ now, openDeals: [], history: [], subscriptions })).toThrow(/fewer than 12 customer-months/);
  });
});
