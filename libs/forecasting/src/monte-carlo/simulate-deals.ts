/**
 * The hot loop: for each deal, in which simulations it is won, and in which month. One 16-bit
 * uniform per deal and simulation picks among "won in month 0 … 11" and "not won within the
 * horizon" through the deal's cumulative table (probabilities in 1/65536ths, finer than any model's
 * calibration), so nothing is allocated per draw. The generator is mulberry32 (as in @hub/ml's
 * createSeededRandom), written inline, each 32-bit output serving two simulations, and seeded per
 * deal from (seed, deal index), so a result depends only on its inputs and seed. With a shared
 * win-rate shock (win-rate-shock.ts) each deal has one table per shift level and simulation s reads
 * level s mod levels, so every deal of a simulation sees the same shift at no cost per draw.
 */
export interface DealTables {
  /** dealCount × levels × months: P(won and closed before the end of month m) at each level, in 1/65536ths. */
  thresholds: Int32Array;
  amounts: Float64Array;
  months: number;
  /** Shift levels: 1 (no shock) or a power of two. */
  levels: number;
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
  const { thresholds, amounts, months, levels } = tables;
  const mask = levels - 1;
  const stride = levels * months;
  for (let d = from; d < to; d++) {
    const first = d * stride;
    const amount = amounts[d]!;
    if (amount === 0) continue;
    let possible = false;
    for (let l = 0; l < levels && !possible; l++) possible = thresholds[first + l * months + months - 1]! > 0;
    if (!possible) continue;
    let state = dealSeed(seed, d);
    for (let s = 0; s < simulations; s += 2) {
      state = (state + 0x6d2b79f5) | 0;
      let t = Math.imul(state ^ (state >>> 15), state | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      t ^= t >>> 14;
      let base = first + (s & mask) * months;
      let u = t & 0xffff;
      if (u < thresholds[base + months - 1]!) {
        let m = 0;
        while (u >= thresholds[base + m]!) m++;
        sums[s * months + m] += amount;
      }
      base = first + ((s + 1) & mask) * months;
      u = t >>> 16;
      if (u < thresholds[base + months - 1]! && s + 1 < simulations) {
        let m = 0;
        while (u >= thresholds[base + m]!) m++;
        sums[(s + 1) * months + m] += amount;
      }
    }
  }
}
