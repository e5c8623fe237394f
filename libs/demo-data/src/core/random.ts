import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';

const TWO_POW_32 = 0x1_0000_0000;

/**
 * Scrambles a seed so that neighbouring seeds (1, 2, 3...) start far apart: xoroshiro's first outputs
 * for close seeds are correlated. murmur3's 32-bit finaliser.
 */
export function mixSeed(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const part of parts) {
    h ^= Math.imul((part | 0) ^ ((part / TWO_POW_32) | 0), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h | 0;
}

/**
 * The only source of randomness in the generator: a seeded xoroshiro128+ with the distributions the
 * simulation needs. Every sub-simulation (one contact's activities, one company's tickets) gets its own
 * Random from a seed drawn by its parent, so expanding records lazily still gives the same bytes.
 */
export class Random {
  private readonly source: RandomGenerator;
  private spareNormal: number | undefined;

  constructor(seed: number) {
    this.source = xoroshiro128plus(mixSeed(seed));
    for (let i = 0; i < 8; i += 1) this.source.next();
  }

  /** A seed for a child stream. */
  seed(): number {
    return this.source.next();
  }

  child(): Random {
    return new Random(this.source.next());
  }

  /** Uniform in [0, 1). */
  float(): number {
    const high = this.source.next() >>> 5;
    const low = this.source.next() >>> 6;
    return (high * 67_108_864 + low) / 9_007_199_254_740_992;
  }

  between(min: number, max: number): number {
    return min + (max - min) * this.float();
  }

  /** Integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.float() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.float() * items.length)] as T;
  }

  /** Picks a key of a weight table; weights need not sum to one. */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K {
    const keys = Object.keys(weights) as K[];
    let total = 0;
    for (const key of keys) total += weights[key];
    let target = this.float() * total;
    for (const key of keys) {
      target -= weights[key];
      if (target < 0) return key;
    }
    return keys[keys.length - 1] as K;
  }

  /** Picks an index in proportion to the weights. */
  weightedIndex(weights: readonly number[]): number {
    let total = 0;
    for (const weight of weights) total += weight;
    let target = this.float() * total;
    for (let i = 0; i < weights.length; i += 1) {
      target -= weights[i] as number;
      if (target < 0) return i;
    }
    return weights.length - 1;
  }

  normal(mean = 0, sd = 1): number {
    if (this.spareNormal !== undefined) {
      const spare = this.spareNormal;
      this.spareNormal = undefined;
      return mean + sd * spare;
    }
    // Marsaglia's polar method: two normals per accepted pair, no trigonometry.
    for (;;) {
      const u = 2 * this.float() - 1;
      const v = 2 * this.float() - 1;
      const s = u * u + v * v;
      if (s > 0 && s < 1) {
        const factor = Math.sqrt((-2 * Math.log(s)) / s);
        this.spareNormal = v * factor;
        return mean + sd * u * factor;
      }
    }
  }

  logNormal(logMean: number, logSd: number): number {
    return Math.exp(this.normal(logMean, logSd));
  }

  exponential(mean: number): number {
    return -mean * Math.log(1 - this.float());
  }

  poisson(mean: number): number {
    if (mean <= 0) return 0;
    if (mean > 40) return Math.max(0, Math.round(this.normal(mean, Math.sqrt(mean))));
    // Knuth's product method: exact and fast for the small means this simulation draws.
    const limit = Math.exp(-mean);
    let count = -1;
    let product = 1;
    do {
      count += 1;
      product *= this.float();
    } while (product > limit);
    return count;
  }

  binomial(trials: number, probability: number): number {
    let successes = 0;
    for (let i = 0; i < trials; i += 1) if (this.float() < probability) successes += 1;
    return successes;
  }

  /** Fisher-Yates on a copy. */
  shuffle<T>(items: readonly T[]): T[] {
    const copy = items.slice();
    for (let i = copy.length - 1; i > 0; i -= 1) {
      const j = Math.floor(this.float() * (i + 1));
      [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
    }
    return copy;
  }

  /** `count` distinct items, in random order. */
  sample<T>(items: readonly T[], count: number): T[] {
    return this.shuffle(items).slice(0, Math.min(count, items.length));
  }
}

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

export function logit(p: number): number {
  return Math.log(p / (1 - p));
}
