/**
 * A value read at most once per `ttlMs`, however many callers ask at once: when it expires, the
 * first caller starts one load and the others wait for that same load (no stampede of identical
 * queries under load). `invalidate()` drops it at once; a load that was in flight when it was
 * dropped still answers its callers but is not kept.
 */
export class ExpiringValue<T> {
  private value?: { current: T; at: number };
  private loading?: Promise<T>;
  private generation = 0;

  constructor(private readonly load: () => Promise<T>, private readonly ttlMs: number, private readonly now = () => Date.now()) {}

  get(): Promise<T> {
    if (this.value && this.now() - this.value.at < this.ttlMs) return Promise.resolve(this.value.current);
    return (this.loading ??= this.reload());
  }

  invalidate(): void {
    this.generation++;
    this.value = undefined;
    this.loading = undefined;
  }

  private async reload(): Promise<T> {
    const generation = this.generation;
    const at = this.now();
    try {
      const current = await this.load();
      if (generation === this.generation) this.value = { current, at };
      return current;
    } finally {
      if (generation === this.generation) this.loading = undefined;
    }
  }
}
