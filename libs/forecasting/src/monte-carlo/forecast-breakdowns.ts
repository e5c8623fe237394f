import type { ForecastDeal } from '../deal-state';
import { FORECAST_CATEGORIES, forecastCategory, type ForecastCategoryRule } from './forecast-categories';
import type { CategoryForecast, ForecastBreakdown } from './forecast-types';
import type { DealPlan } from './deal-plan';
import type { RecurringRevenuePlan } from './recurring-revenue';

type Rows = Map<string, Float64Array>;

function addTo(rows: Rows, key: string, months: number, d: number, plan: DealPlan, share: number): void {
  let row = rows.get(key);
  if (!row) rows.set(key, (row = new Float64Array(months)));
  const amount = plan.amounts[d]! * share;
  for (let m = 0; m < months; m++) row[m] += amount * plan.monthProbability[d * months + m]!;
}

const byQuarter = (monthly: ArrayLike<number>): number[] =>
  Array.from({ length: monthly.length / 3 }, (_, q) => monthly[3 * q]! + monthly[3 * q + 1]! + monthly[3 * q + 2]!);

function toBreakdowns(rows: Rows): ForecastBreakdown[] {
  return [...rows]
    .map(([key, months]) => ({ key, months: [...months], quarters: byQuarter(months) }))
    .sort((a, b) => b.quarters.reduce((s, v) => s + v, 0) - a.quarters.reduce((s, v) => s + v, 0));
}

/**
 * Exact expected values by owner, team and product (a deal's amount split evenly over its products;
 * recurring revenue under each subscription's product), and the forecast categories.
 */
export function forecastBreakdowns(deals: readonly ForecastDeal[], plan: DealPlan, recurring: RecurringRevenuePlan, rule: ForecastCategoryRule) {
  const { months } = plan;
  const owners: Rows = new Map();
  const teams: Rows = new Map();
  const products: Rows = new Map();
  const categories = new Map(FORECAST_CATEGORIES.map((c) => [c, { dealCount: 0, amount: new Float64Array(months), expected: new Float64Array(months) }]));
  for (let d = 0; d < deals.length; d++) {
    const deal = deals[d]!;
    addTo(owners, deal.ownerId === null ? '(unassigned)' : String(deal.ownerId), months, d, plan, 1);
    addTo(teams, deal.team ?? '(no team)', months, d, plan, 1);
    if (deal.products.length === 0) addTo(products, '(no product)', months, d, plan, 1);
    for (const product of deal.products) addTo(products, product, months, d, plan, 1 / deal.products.length);
    const category = categories.get(forecastCategory(deal, rule))!;
    category.dealCount++;
    for (let m = 0; m < months; m++) category.expected[m] += deal.amount * plan.monthProbability[d * months + m]!;
    if (plan.medianMonth[d]! >= 0) category.amount[plan.medianMonth[d]!] += deal.amount;
  }
  for (const customer of recurring.customers) {
    for (const [product, expected] of customer.expectedByProduct) {
      let row = products.get(product);
      if (!row) products.set(product, (row = new Float64Array(months)));
      for (let m = 0; m < months; m++) row[m] += expected[m]!;
    }
  }
  const categoryForecasts: CategoryForecast[] = [...categories].map(([category, c]) => ({
    category,
    dealCount: c.dealCount,
    amountByQuarter: byQuarter(c.amount),
    expectedByQuarter: byQuarter(c.expected),
  }));
  return { byOwner: toBreakdowns(owners), byTeam: toBreakdowns(teams), byProduct: toBreakdowns(products), categories: categoryForecasts };
}
