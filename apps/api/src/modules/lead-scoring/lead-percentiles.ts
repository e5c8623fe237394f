/** Share of `sorted` (ascending) strictly below `value` (0-1); null when empty. Binary search. */
export function shareBelow(sorted: Float64Array, value: number): number | null {
  if (sorted.length === 0) return null;
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! < value) low = middle + 1;
    else high = middle;
  }
  return low / sorted.length;
}

/**
 * The open leads' stored probabilities, sorted, in memory: a percentile is a binary search instead
 * of a count over every open lead's score per request. Loaded on first use, then reloaded in the
 * background once older than `maxAgeMs` or after a batch rescore (`invalidate`), so a percentile
 * lags the store by at most that long (a single rescored lead moves it by 1/n at most).
 */
export class LeadPercentiles {
  private sorted?: Float64Array;
  private loadedAt = 0;
  private stale = false;
  private loading?: Promise<void>;

  constructor(
    private readonly loadSorted: () => Promise<Float64Array>,
    private readonly maxAgeMs = 10_000,
  ) {}

  /** Reload on next use (a batch of scores was stored). */
  invalidate(): void {
    this.stale = true;
  }

  async of(probability: number): Promise<number | null> {
    if (!this.sorted) await this.reload();
    else if (this.stale || Date.now() - this.loadedAt > this.maxAgeMs) void this.reload().catch(() => undefined);
    return shareBelow(this.sorted!, probability);
  }

  private reload(): Promise<void> {
    this.loading ??= (async () => {
      const started = Date.now();
      this.stale = false;
      try {
        this.sorted = await this.loadSorted();
        this.loadedAt = started;
      } catch (error) {
        this.stale = true;
        throw error;
      } finally {
        this.loading = undefined;
      }
    })();
    return this.loading;
  }
}
