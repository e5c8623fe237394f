/**
 * A small seeded PRNG (mulberry32). Training must be reproducible for a given seed, which rules
 * out Math.random; statistical quality is ample for row and feature subsampling.
 */
export interface SeededRandom {
  /** Uniform in [0, 1). */
  next(): number;
}

export function createSeededRandom(seed: number): SeededRandom {
  // splitmix32-style scrambling so that nearby seeds (0, 1, 2 …) give unrelated streams.
  let state = Math.imul((seed | 0) ^ 0x9e3779b9, 0x85ebca6b) >>> 0;
  return {
    next(): number {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
  };
}

/** k distinct integers from [0, n), ascending (partial Fisher–Yates). */
export function sampleWithoutReplacement(random: SeededRandom, n: number, k: number): Int32Array {
  const pool = Int32Array.from({ length: n }, (_, i) => i);
  const count = Math.min(k, n);
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(random.next() * (n - i));
    const swap = pool[i]!;
    pool[i] = pool[j]!;
    pool[j] = swap;
  }
  return pool.subarray(0, count).sort();
}
