import { describe, expect, it } from 'vitest';
import { generateDemo, SIZE_PROFILES, type DemoSize } from './index';
import { rocAuc } from './test/roc-auc';

function stream(size: DemoSize, seed: number) {
  const started = performance.now();
  const generation = generateDemo({ size, seed });
  const counts: Record<string, number> = {};
  for (const record of generation.records) counts[record.type] = (counts[record.type] ?? 0) + 1;
  return { counts, truth: generation.truth, seconds: (performance.now() - started) / 1000, heapMb: process.memoryUsage().heapUsed / 1e6 };
}

describe('sizes', () => {
  it('small is quick and complete', () => {
    const { counts, truth, seconds } = stream('small', 9);
    expect(counts['contact']).toBe(SIZE_PROFILES.small.contacts);
    expect(truth.counts).toEqual(counts);
    // Generous bound for busy CI machines; it takes about a second.
    expect(seconds).toBeLessThan(5);
  });

  it('medium streams 20,000 contacts with the documented signal', () => {
    const { counts, truth } = stream('medium', 9);
    expect(counts['contact']).toBe(20_000);
    expect(counts['activity']).toBeGreaterThan(500_000);
    const known = truth.leads.filter((l) => l.outcome_known);
    const rate = known.filter((l) => l.converted).length / known.length;
    expect(rate).toBeGreaterThan(0.1);
    expect(rate).toBeLessThan(0.25);
    const auc = rocAuc(known.map((l) => l.p_convert), known.map((l) => l.converted));
    expect(auc).toBeGreaterThan(0.8);
    expect(auc).toBeLessThan(0.9);
    const deals = truth.deals.filter((d) => d.outcome_known);
    const dealAuc = rocAuc(deals.map((d) => d.p_win), deals.map((d) => d.won));
    expect(dealAuc).toBeGreaterThan(0.8);
    expect(dealAuc).toBeLessThan(0.92);
    expect(truth.emails).toHaveLength(counts['email'] as number);
    expect(truth.meetings).toHaveLength(counts['meeting'] as number);
  });

  it('large yields about a million activities without holding them', () => {
    const { counts, seconds, heapMb } = stream('large', 1);
    expect(counts['activity']).toBeGreaterThan(900_000);
    expect(counts['activity']).toBeLessThan(1_100_000);
    expect(seconds).toBeLessThan(40);
    // Users, companies, contacts and deals stay in memory; a million activities would not fit in this.
    expect(heapMb).toBeLessThan(600);
  });
});
