import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matrixFromColumns, numericColumns } from '../dataset/feature-matrix';
import { createSeededRandom } from '../random/seeded-random';
import { binMatrix, binOf, binUpperBounds, MISSING_BIN } from './binning';

describe('binning', () => {
  it('gives each distinct value its own bin when they fit', () => {
    const bounds = binUpperBounds(Float64Array.from([1, 1, 2, 3, 3, 3]), 255);
    expect([...bounds]).toEqual([1.5, 2.5, Infinity]);
  });

  it('never exceeds the bin budget and keeps bins roughly equal in count', () => {
    const values = Float64Array.from({ length: 10_000 }, (_, i) => (i * 7919) % 10_000).sort();
    const bounds = binUpperBounds(values, 255);
    expect(bounds.length).toBeLessThanOrEqual(255);
    const counts = new Array<number>(bounds.length).fill(0);
    for (const v of values) counts[binOf(v, bounds)]++;
    expect(Math.max(...counts)).toBeLessThanOrEqual(2 * Math.ceil(10_000 / 255));
  });

  it('gives a heavy value a bin of its own', () => {
    const values = Float64Array.from([...new Array<number>(5000).fill(0), ...Array.from({ length: 5000 }, (_, i) => i + 1)]).sort();
    const bounds = binUpperBounds(values, 16);
    expect(binOf(0, bounds)).not.toBe(binOf(1, bounds));
  });

  it('maps non-finite values to the missing bin', () => {
    const bounds = binUpperBounds(Float64Array.from([1, 2]), 255);
    expect(binOf(NaN, bounds)).toBe(MISSING_BIN);
    expect(binOf(Infinity, bounds)).toBe(MISSING_BIN);
  });

  it('agrees with the threshold test used at scoring time: bin(x) <= b iff x <= upper[b]', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 400 }), fc.integer({ min: 2, max: 20 }), (raw, maxBins) => {
        const matrix = matrixFromColumns(numericColumns(1), [raw]);
        const data = binMatrix(matrix, maxBins, createSeededRandom(1));
        const upper = data.upperBounds[0]!;
        expect(upper.length).toBeLessThanOrEqual(maxBins);
        raw.forEach((x, i) => {
          const bin = data.bins[i]!;
          for (let b = 0; b < upper.length - 1; b++) expect(bin <= b).toBe(x <= upper[b]!);
        });
      }),
    );
  });
});
