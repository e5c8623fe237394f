import type { CustomerUnit } from './recurring-revenue';
import { dealSeed, PROBABILITY_SCALE } from './simulate-deals';

/**
 * Recurring revenue per simulation: every customer's scheduled revenue, less what it stops paying
 * once it churns. One 16-bit uniform per customer and simulation picks the churn month through
 * P(churned by month m) = 1 − alive[m]; same generator as the deal loop, on its own seed stream.
 */
export function simulateCustomerRevenue(customers: readonly CustomerUnit[], simulations: number, seed: number, sums: Float64Array): void {
  if (customers.length === 0) return;
  const months = customers[0]!.revenue.length;
  const churnedBy = new Int32Array(months);
  const scheduled = new Float64Array(months);
  for (let c = 0; c < customers.length; c++) {
    const { revenue, alive } = customers[c]!;
    for (let m = 0; m < months; m++) scheduled[m] += revenue[m]!;
    for (let m = 0; m < months; m++) churnedBy[m] = Math.round((1 - alive[m]!) * PROBABILITY_SCALE);
    const ever = churnedBy[months - 1]!;
    if (ever <= 0) continue;
    let state = dealSeed(seed ^ 0x5bd1e995, c);
    for (let s = 0; s < simulations; s += 2) {
      state = (state + 0x6d2b79f5) | 0;
      let t = Math.imul(state ^ (state >>> 15), state | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      t ^= t >>> 14;
      for (let half = 0; half < 2 && s + half < simulations; half++) {
        const u = half === 0 ? t & 0xffff : t >>> 16;
        if (u >= ever) continue;
        let m = 0;
        while (u >= churnedBy[m]!) m++;
        const row = (s + half) * months;
        for (; m < months; m++) sums[row + m] -= revenue[m]!;
      }
    }
  }
  for (let s = 0; s < simulations; s++) for (let m = 0; m < months; m++) sums[s * months + m] += scheduled[m]!;
}
