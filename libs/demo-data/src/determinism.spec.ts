import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateDemo, type DemoOptions } from './index';

function digest(options: DemoOptions): { hash: string; truth: string } {
  const hash = createHash('sha256');
  const generation = generateDemo(options);
  for (const record of generation.records) hash.update(`${JSON.stringify(record)}\n`);
  return { hash: hash.digest('hex'), truth: createHash('sha256').update(JSON.stringify(generation.truth)).digest('hex') };
}

describe('determinism', () => {
  it('the same seed gives the same bytes and the same truth', () => {
    const first = digest({ size: 'small', seed: 11 });
    const second = digest({ size: 'small', seed: 11 });
    expect(second).toEqual(first);
  });

  it('a different seed gives a different data set', () => {
    expect(digest({ size: 'small', seed: 12 }).hash).not.toBe(digest({ size: 'small', seed: 11 }).hash);
  });

  it('two generations iterated side by side do not disturb each other (no shared random state)', () => {
    const a = generateDemo({ size: 'small', seed: 5 }).records;
    const b = generateDemo({ size: 'small', seed: 5 }).records;
    const c = generateDemo({ size: 'small', seed: 6 }).records;
    let compared = 0;
    for (let x = a.next(), y = b.next(); !x.done && !y.done; x = a.next(), y = b.next()) {
      c.next();
      expect(JSON.stringify(y.value)).toBe(JSON.stringify(x.value));
      compared += 1;
      if (compared === 20_000) break;
    }
    expect(compared).toBe(20_000);
  });

  it('asOf moves the whole history and is never exceeded', () => {
    const asOf = '2025-06-30T12:00:00.000Z';
    const { records, truth } = generateDemo({ size: 'small', seed: 1, asOf });
    const limit = Date.parse(asOf);
    let latest = 0;
    for (const record of records) {
      for (const key of ['created_at', 'occurred_at', 'sent_at', 'started_at', 'closed_at', 'ended_at', 'solved_at', 'updated_at']) {
        const value = record.data[key];
        if (typeof value === 'string') latest = Math.max(latest, Date.parse(value));
      }
    }
    expect(latest).toBeLessThanOrEqual(limit);
    expect(latest).toBeGreaterThan(limit - 7 * 86_400_000);
    expect(truth.asOf).toBe(asOf);
  });

  it('refuses options it cannot honour', () => {
    expect(() => generateDemo({ size: 'huge' as 'small', seed: 1 })).toThrow(/size/);
    expect(() => generateDemo({ size: 'small', seed: 1.5 })).toThrow(/seed/);
    expect(() => generateDemo({ size: 'small', seed: 1, asOf: 'yesterday' })).toThrow(/ISO/);
  });
});
