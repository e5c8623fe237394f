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

  it('loads once, then reloads in the background after invalidate, answering from the old array meanwhile', async () => {
    let loads = 0;
    let release: () => void = () => undefined;
    const arrays = [Float64Array.from([0.1, 0.9]), Float64Array.from([0.1, 0.2, 0.3, 0.9])];
    const percentiles = new LeadPercentiles(async () => {
      const array = arrays[loads++]!;
      if (loads > 1) await new Promise<void>((done) => (release = done));
      return array;
    }, 60_000);
    expect(await percentiles.of(0.5)).toBe(0.5);
    expect(await percentiles.of(0.5)).toBe(0.5);
    expect(loads).toBe(1);
    percentiles.invalidate();
    expect(await percentiles.of(0.5)).toBe(0.5); // the reload is still running
    release();
    await new Promise((done) => setTimeout(done, 0));
    expect(await percentiles.of(0.5)).toBe(0.75);
    expect(loads).toBe(2);
  });
});
