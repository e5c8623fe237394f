import { countBelow } from '@hub/ml';

/** Share of `sorted` (ascending) strictly below `value` (0-1); null when empty. */
export function shareBelow(sorted: Float64Array, value: number): number | null {
  return sorted.length === 0 ? null : countBelow(sorted, value) / sorted.length;
}

/**
 * The open leads' stored probabilities, sorted, in memory: a percentile is a binary search instead
 * of a count over every open lead's score per request. Loaded on first use, reloaded before the next
 * answer after a batch rescore (`invalidate`), and in the background once older than `maxAgeMs`, so
 * a percentile lags single rescores by at most that long (one rescored lead moves it by 1/n at most).
 */
export class LeadPercentiles {
  private sorted?: Float64Array;
  private loadedAt = 0;
  private stale = false;
  private loading?: Promise<void>;

  constructor(
    private readonly loadSorted: () => Promise<Float64Array>,
    private readonly maxAgeMs = 10_000,
    private readonly now = () => Date.now(),
  ) {}

  /** Reload on next use (a batch of scores was stored). */
  invalidate(): void {
    this.stale = true;
  }

  async of(probability: number): Promise<number | null> {
    // Empty (loaded before any score was stored) or invalidated by a batch rescore: what it holds is
    // not merely late but wrong (a null percentile, or the previous model's), so wait for the reload.
    if (!this.sorted || this.sorted.length === 0 || this.stale) await this.reload();
    else if (this.now() - this.loadedAt > this.maxAgeMs) void this.reload().catch(() => undefined);
    return shareBelow(this.sorted!, probability);
  }

  private reload(): Promise<void> {
    this.loading ??= (async () => {
      const started = this.now();
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
