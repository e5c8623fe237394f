import { describe, expect, it } from 'vitest';
import { LeadPercentiles, shareBelow } from './lead-percentiles';

describe('lead percentiles in memory', () => {
  it('gives the share strictly below, as the SQL count did, ties included', () => {
    const sorted = Float64Array.from([0.1, 0.2, 0.2, 0.2, 0.5]);
    expect(shareBelow(sorted, 0.05)).toBe(0);
    expect(shareBelow(sorted, 0.2)).toBe(0.2);
    expect(shareBelow(sorted, 0.3)).toBe(0.8);
    expect(shareBelow(sorted, 0.9)).toBe(1);
    expect(shareBelow(new Float64Array(0), 0.5)).toBeNull();
  });

  it('loads once; after invalidate (a batch rescore) the next answer waits for the reload; an old one reloads in the background', async () => {
    let loads = 0;
    let now = 0;
    const arrays = [Float64Array.from([0.1, 0.9]), Float64Array.from([0.1, 0.2, 0.3, 0.9]), Float64Array.from([0.6, 0.7])];
    let release: () => void = () => undefined;
    const percentiles = new LeadPercentiles(async () => {
      const array = arrays[loads++]!;
      if (loads === 3) await new Promise<void>((done) => (release = done));
      return array;
    }, 60_000, () => now);
    expect(await percentiles.of(0.5)).toBe(0.5);
    expect(await percentiles.of(0.5)).toBe(0.5);
    expect(loads).toBe(1);
    percentiles.invalidate();
    expect(await percentiles.of(0.5)).toBe(0.75); // the new model's scores, not the old ones
    expect(loads).toBe(2);
    now = 60_001;
    expect(await percentiles.of(0.5)).toBe(0.75); // aged: answered at once, reloading meanwhile
    release();
    await new Promise((done) => setTimeout(done, 0));
    expect(await percentiles.of(0.5)).toBe(0);
    expect(loads).toBe(3);
  });

  it('does not answer null from an array loaded before any score was stored', async () => {
    const arrays = [new Float64Array(0), Float64Array.from([0.2, 0.4])];
    let loads = 0;
    const percentiles = new LeadPercentiles(async () => arrays[Math.min(loads++, 1)]!, 60_000);
    expect(await percentiles.of(0.3)).toBeNull(); // nothing stored yet: no percentile
    expect(await percentiles.of(0.3)).toBe(0.5);
  });
});
