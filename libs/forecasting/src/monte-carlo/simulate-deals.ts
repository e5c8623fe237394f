/**
 * The hot loop: for each deal, in which simulations it is won, and in which month. One 16-bit
 * uniform per deal and simulation picks among "won in month 0 … 11" and "not won within the
 * horizon" through the deal's cumulative table (probabilities in 1/65536ths, finer than any model's
 * calibration), so nothing is allocated per draw. The generator is mulberry32 (as in @hub/ml's
 * createSeededRandom), written inline, each 32-bit output serving two simulations, and seeded per
 * deal from (seed, deal index), so a result depends only on its inputs and seed.
 */
export interface DealTables {
  /** dealCount × months: P(won and closed before the end of month m), in 1/65536ths. */
  thresholds: Int32Array;
  amounts: Float64Array;
  months: number;
}

export const PROBABILITY_SCALE = 65536;

export function dealSeed(seed: number, dealIndex: number): number {
  let h = Math.imul((seed | 0) ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(dealIndex + 1, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) | 0;
}

/** Adds won amounts of the deals [from, to) to sums[simulation × months + month]. */
export function simulateDealRevenue(tables: DealTables, from: number, to: number, simulations: number, seed: number, sums: Float64Array): void {
  const { thresholds, amounts, months } = tables;
  for (let d = from; d < to; d++) {
    const base = d * months;
    const landing = thresholds[base + months - 1]!;
    const amount = amounts[d]!;
    if (landing <= 0 || amount === 0) continue;
    let state = dealSeed(seed, d);
    for (let s = 0; s < simulations; s += 2) {
      state = (state + 0x6d2b79f5) | 0;
      let t = Math.imul(state ^ (state >>> 15), state | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      t ^= t >>> 14;
      let u = t & 0xffff;
      if (u < landing) {
        let m = 0;
        while (u >= thresholds[base + m]!) m++;
        sums[s * months + m] += amount;
      }
      u = t >>> 16;
      if (u < landing && s + 1 < simulations) {
        let m = 0;
        while (u >= thresholds[base + m]!) m++;
        sums[(s + 1) * months + m] += amount;
      }
    }
  }
}
