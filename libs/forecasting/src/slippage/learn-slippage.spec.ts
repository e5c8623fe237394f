import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../deal-state';
import { closedDeal, openDeal } from '../testing/hand-built';
import { syntheticDeals, worldStateAt } from '../testing/synthetic-world';
import { buildHorizon } from '../calendar/periods';
import { writeCloseTimeCdf } from './close-time-distribution';
import { sampleQuantile } from './empirical-distribution';
import { learnSlippage, remainingDistributionFor, slipDistributionFor } from './learn-slippage';

const now = Date.UTC(2025, 6, 1);

describe('learnSlippage', () => {
  it('recovers a planted shift and spread of close dates', () => {
    const deals = syntheticDeals({ seed: 4, start: now - 720 * DAY_MS, end: now, dealsPerDay: 4, slipMeanDays: 20, slipSdDays: 10, leadDays: [30, 120], winProbability: [0.2, 0.6] });
    const model = learnSlippage(worldStateAt(deals, now).history);
    const pooled = model.slip.get('*|*')!.sorted;
    expect(model.wonDealsUsed).toBeGreaterThan(500);
    expect(sampleQuantile(pooled, 0.5) / DAY_MS).toBeGreaterThan(18);
    expect(sampleQuantile(pooled, 0.5) / DAY_MS).toBeLessThan(22);
    // The normal's central 80% is ±12.8 days around the shift.
    expect((sampleQuantile(pooled, 0.9) - sampleQuantile(pooled, 0.1)) / DAY_MS).toBeGreaterThan(23);
    expect((sampleQuantile(pooled, 0.9) - sampleQuantile(pooled, 0.1)) / DAY_MS).toBeLessThan(28.5);
  });

  it('uses a stage of its own when it has enough observations, the pooled history when not', () => {
    const expected = now - 100 * DAY_MS;
    const history = [
      ...Array.from({ length: 40 }, (_, i) => closedDeal(i, expected, 30)),
      ...Array.from({ length: 5 }, (_, i) => closedDeal(100 + i, expected, -5, { stagePath: [{ stage: 'proposal', enteredAt: expected - 60 * DAY_MS }] })),
    ];
    const model = learnSlippage(history);
    const lead = 60 * DAY_MS;
    expect(sampleQuantile(slipDistributionFor(model, 'negotiation', lead)!.sorted, 0.5)).toBe(30 * DAY_MS);
    expect(slipDistributionFor(model, 'proposal', lead)!.sorted.length).toBe(45);
    expect(remainingDistributionFor(model, 'negotiation')!.sorted[0]).toBe(90 * DAY_MS);
    expect(model.warnings).toEqual([]);
    expect(learnSlippage(history.slice(0, 10)).warnings[0]).toMatch(/only 10 observations/);
  });

  it('reads the expected date as it stood at each stage from the change history', () => {
    const deal = closedDeal(1, now, 0, {
      stagePath: [
        { stage: 'qualification', enteredAt: now - 90 * DAY_MS },
        { stage: 'negotiation', enteredAt: now - 20 * DAY_MS },
      ],
      expectedCloseHistory: [
        { at: now - 95 * DAY_MS, expectedCloseAt: now - 40 * DAY_MS },
        { at: now - 30 * DAY_MS, expectedCloseAt: now - 5 * DAY_MS },
      ],
    });
    const model = learnSlippage([deal]);
    expect([...model.slip.get('qualification|*')!.sorted]).toEqual([40 * DAY_MS]);
    expect([...model.slip.get('negotiation|*')!.sorted]).toEqual([5 * DAY_MS]);
  });
});

describe('close-time distribution of an open deal', () => {
  const slips = [-10, 0, 15, 40];
  const history = slips.flatMap((s, k) => Array.from({ length: 10 }, (_, i) => closedDeal(k * 10 + i, now - 200 * DAY_MS, s)));
  const model = learnSlippage(history, { minSamples: 1000, leadTimeEdgesDays: [0] });
  const horizon = buildHorizon(now);
  const cdf = new Float64Array(12);

  it('never closes before now: an overdue deal keeps only the slippage that lands after today', () => {
    const source = writeCloseTimeCdf(model, openDeal(now, { expectedCloseAt: now - 5 * DAY_MS }), now, horizon.boundaries, cdf, 0);
    expect(source).toBe('expected-close');
    // Of +15 and +40 days from June 26: July 11 and August 5, half each.
    expect(cdf[0]).toBe(0.5);
    expect(cdf[1]).toBe(1);
  });

  it('draws a deal with no expected date from its stage’s remaining time, and counts from now past all history', () => {
    expect(writeCloseTimeCdf(model, openDeal(now, { expectedCloseAt: null, stage: 'negotiation', stageEnteredAt: now - 10 * DAY_MS }), now, horizon.boundaries, cdf, 0)).toBe('stage-remaining');
    expect(cdf[11]).toBe(1);
    expect(writeCloseTimeCdf(model, openDeal(now, { expectedCloseAt: now - 400 * DAY_MS }), now, horizon.boundaries, cdf, 0)).toBe('beyond-history');
  });
});
