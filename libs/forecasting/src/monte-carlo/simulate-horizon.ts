import type { DealPlan } from './deal-plan';
import { addCustomerMoments, addDealMoments, addGaussianDraws, createMoments } from './gaussian-remainder';
import type { RecurringRevenuePlan } from './recurring-revenue';
import { simulateCustomerRevenue } from './simulate-customers';
import { PROBABILITY_SCALE, simulateDealRevenue } from './simulate-deals';
import { shockedProbabilities } from './win-rate-shock';

/** The normal approximation is only used for at least this many units, where it is very good. */
const MIN_APPROXIMATED_UNITS = 1000;

export interface SimulatedHorizon {
  /** simulations × months: new business + recurring revenue per simulated month. */
  sums: Float64Array;
  exactDeals: number;
  approximatedDeals: number;
  exactCustomers: number;
  approximatedCustomers: number;
}

/**
 * Which deals and customers to draw one by one: all of them when that fits the budget, else those
 * with the largest spread (amount × standard deviation of landing), deals and customers together.
 */
function splitExact(dealSpread: Float64Array, customerSpread: Float64Array, simulations: number, budget: number) {
  const total = dealSpread.length + customerSpread.length;
  const capacity = Math.floor(budget / Math.max(1, simulations));
  const exact = new Uint8Array(total);
  if (total - capacity < MIN_APPROXIMATED_UNITS) exact.fill(1);
  else {
    const spread = (i: number) => (i < dealSpread.length ? dealSpread[i]! : customerSpread[i - dealSpread.length]!);
    const ordered = Int32Array.from({ length: total }, (_, i) => i).sort((a, b) => spread(b) - spread(a) || a - b);
    for (let k = 0; k < capacity; k++) exact[ordered[k]!] = 1;
  }
  const pick = (from: number, count: number, wanted: number) => {
    const list: number[] = [];
    for (let i = 0; i < count; i++) if (exact[from + i] === wanted) list.push(i);
    return list;
  };
  return {
    deals: { exact: pick(0, dealSpread.length, 1), rest: pick(0, dealSpread.length, 0) },
    customers: { exact: pick(dealSpread.length, customerSpread.length, 1), rest: pick(dealSpread.length, customerSpread.length, 0) },
  };
}

/**
 * `shifts`: the shared log-odds shift levels (one level of 0 draws deals independently); each deal's
 * probability is shifted per level around its own mean (shockedProbabilities), its timing unchanged.
 */
export function simulateHorizon(
  plan: DealPlan, recurring: RecurringRevenuePlan, simulations: number, seed: number, budget: number, shifts: Float64Array = Float64Array.of(0),
): SimulatedHorizon {
  const { months, monthProbability, landing, amounts, winProbability } = plan;
  const levels = shifts.length;
  const sums = new Float64Array(simulations * months);
  const { customers } = recurring;
  const dealSpread = amounts.map((a, d) => a * Math.sqrt(landing[d]! * (1 - landing[d]!)));
  const customerSpread = Float64Array.from(customers, (c) => {
    const staying = c.alive[months - 1]!;
    return c.revenue.reduce((s, v) => s + v, 0) * Math.sqrt(staying * (1 - staying));
  });
  const { deals, customers: split } = splitExact(dealSpread, customerSpread, simulations, budget);
  const shocked = new Float64Array(levels);
  // Scale of the deal's month table at level l: p_l / p (the timing given a win does not move).
  const levelScales = (d: number) => {
    const p = winProbability[d]!;
    shockedProbabilities(p, shifts, shocked);
    for (let l = 0; l < levels; l++) shocked[l] = p > 0 ? shocked[l]! / p : 0;
    return shocked;
  };
  const thresholds = new Int32Array(deals.exact.length * levels * months);
  const exactAmounts = new Float64Array(deals.exact.length);
  deals.exact.forEach((d, i) => {
    exactAmounts[i] = amounts[d]!;
    const scales = levelScales(d);
    for (let l = 0; l < levels; l++) {
      let cumulative = 0;
      for (let m = 0; m < months; m++) {
        cumulative += monthProbability[d * months + m]! * scales[l]!;
        thresholds[(i * levels + l) * months + m] = Math.round(Math.min(1, cumulative) * PROBABILITY_SCALE);
      }
    }
  });
  simulateDealRevenue({ thresholds, amounts: exactAmounts, months, levels }, 0, exactAmounts.length, simulations, seed, sums);
  const dealMoments = createMoments(months);
  const levelMeans = levels > 1 ? new Float64Array(levels * months) : undefined;
  for (const d of deals.rest) {
    const probabilities = monthProbability.subarray(d * months, (d + 1) * months);
    addDealMoments(dealMoments, amounts[d]!, probabilities);
    if (!levelMeans) continue;
    const scales = levelScales(d);
    for (let l = 0; l < levels; l++) for (let m = 0; m < months; m++) levelMeans[l * months + m] += amounts[d]! * probabilities[m]! * scales[l]!;
  }
  addGaussianDraws(dealMoments, simulations, seed ^ 0x27d4eb2f, sums, levelMeans);

  simulateCustomerRevenue(split.exact.map((c) => customers[c]!), simulations, seed, sums);
  const customerMoments = createMoments(months);
  for (const c of split.rest) addCustomerMoments(customerMoments, customers[c]!.revenue, customers[c]!.alive);
  addGaussianDraws(customerMoments, simulations, seed ^ 0x165667b1, sums);
  return {
    sums,
    exactDeals: deals.exact.length,
    approximatedDeals: deals.rest.length,
    exactCustomers: split.exact.length,
    approximatedCustomers: split.rest.length,
  };
}
