import type { ForecastState } from '../deal-state';
import { ForecastInputError } from '../forecast-error';
import type { ForecastHorizon } from '../calendar/periods';
import { learnChurnHazard, type ChurnHazard } from './churn-hazard';

/** A paying customer over the horizon: what it pays each month while it stays, and how likely it stays. */
export interface CustomerUnit {
  companyId: string | number;
  /** Revenue per month from its subscriptions' own start and end dates. */
  revenue: Float64Array;
  /** P(still a customer in month m): 1 up to the current month, then (1 − hazard)^k. */
  alive: Float64Array;
  /** Expected revenue per product per month. */
  expectedByProduct: Map<string, Float64Array>;
}

export interface RecurringRevenuePlan {
  customers: CustomerUnit[];
  hazard: ChurnHazard | null;
  /** Index of the month holding `now`; churn can happen from the next month on. */
  currentMonth: number;
}

const MIN_EXPOSURE_MONTHS = 12;

export function planRecurringRevenue(state: ForecastState, horizon: ForecastHorizon): RecurringRevenuePlan {
  const { boundaries } = horizon;
  const months = boundaries.length - 1;
  let currentMonth = 0;
  while (currentMonth < months - 1 && boundaries[currentMonth + 1]! <= state.now) currentMonth++;
  const running = (state.subscriptions ?? []).filter((s) => s.startedAt < boundaries[months]! && (s.endedAt === null || s.endedAt > boundaries[0]!));
  if (running.length === 0) return { customers: [], hazard: null, currentMonth };
  for (const s of running) {
    if (!Number.isFinite(s.mrr) || s.mrr < 0) throw new ForecastInputError('invalid-input', `Subscription of company ${String(s.companyId)} to ${s.product} has an invalid mrr (${s.mrr})`);
  }
  const given = state.monthlyChurnByCompany ?? new Map<string | number, number>();
  let hazard: ChurnHazard | null = null;
  if (running.some((s) => !given.has(s.companyId))) {
    hazard = learnChurnHazard(state.subscriptions ?? [], state.now);
    if (!(hazard.exposureCustomerMonths >= MIN_EXPOSURE_MONTHS)) {
      throw new ForecastInputError(
        'insufficient-history',
        `Recurring revenue needs churn: fewer than ${MIN_EXPOSURE_MONTHS} customer-months of subscription history before the forecast date, and no churn probability given per company`,
        ['subscription history (at least 12 customer-months) or a monthly churn probability per company'],
      );
    }
  }
  const byCompany = new Map<string | number, CustomerUnit>();
  for (const s of running) {
    let unit = byCompany.get(s.companyId);
    if (!unit) {
      const h = given.get(s.companyId) ?? hazard!.monthlyHazard;
      if (!(h >= 0 && h <= 1)) throw new ForecastInputError('invalid-input', `Monthly churn probability of company ${String(s.companyId)} must be within 0..1 (got ${h})`);
      const alive = new Float64Array(months);
      for (let m = 0; m < months; m++) alive[m] = m <= currentMonth ? 1 : (1 - h) ** (m - currentMonth);
      unit = { companyId: s.companyId, revenue: new Float64Array(months), alive, expectedByProduct: new Map() };
      byCompany.set(s.companyId, unit);
    }
    const expected = unit.expectedByProduct.get(s.product) ?? new Float64Array(months);
    unit.expectedByProduct.set(s.product, expected);
    for (let m = 0; m < months; m++) {
      if (s.startedAt < boundaries[m + 1]! && (s.endedAt === null || s.endedAt > boundaries[m]!)) {
        unit.revenue[m] += s.mrr;
        expected[m] += s.mrr * unit.alive[m]!;
      }
    }
  }
  return { customers: [...byCompany.values()], hazard, currentMonth };
}
