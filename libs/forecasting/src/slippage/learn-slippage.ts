import { DAY_MS, type ClosedDealHistory } from '../deal-state';
import { empiricalDistribution, type EmpiricalDistribution } from './empirical-distribution';
import { expectedCloseKnownAt } from './expected-close-at';

/**
 * Close-date slippage learned from won deals. Each stage a won deal entered is one observation:
 * slip = actual close − the expected close date as known on entering that stage, filed under the
 * stage and under how far out that date then was (the lead time). A deal with no expected date
 * uses the stage's remaining time: actual close − stage entry.
 */
export interface SlippageSettings {
  /** A cell with fewer observations falls back to its parent: stage+lead → stage → lead → all. */
  minSamples: number;
  /** Lead-time bucket edges in days; below the first edge the date was already overdue. */
  leadTimeEdgesDays: readonly number[];
}

export const DEFAULT_SLIPPAGE_SETTINGS: SlippageSettings = { minSamples: 30, leadTimeEdgesDays: [0, 31, 91] };

export interface SlippageModel {
  settings: SlippageSettings;
  /** Keys `stage|bucket`, `stage|*`, `*|bucket`, `*|*`; values are offsets in ms. */
  slip: Map<string, EmpiricalDistribution>;
  /** Keys: stage or `*`; values: ms from stage entry to close. */
  remaining: Map<string, EmpiricalDistribution>;
  wonDealsUsed: number;
  /** Plain-language notes on thin history. */
  warnings: string[];
}

export function leadTimeBucket(leadMs: number, edgesDays: readonly number[]): string {
  const days = leadMs / DAY_MS;
  let bucket = 0;
  while (bucket < edgesDays.length && days >= edgesDays[bucket]!) bucket++;
  return bucket === 0 ? 'overdue' : `lead${bucket}`;
}

function push(map: Map<string, number[]>, key: string, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function learnSlippage(history: readonly ClosedDealHistory[], settings: SlippageSettings = DEFAULT_SLIPPAGE_SETTINGS): SlippageModel {
  const slip = new Map<string, number[]>();
  const remaining = new Map<string, number[]>();
  let wonDealsUsed = 0;
  for (const deal of history) {
    if (!deal.won || deal.stagePath.length === 0) continue;
    wonDealsUsed++;
    deal.stagePath.forEach((entry, index) => {
      push(remaining, entry.stage, deal.closedAt - entry.enteredAt);
      push(remaining, '*', deal.closedAt - entry.enteredAt);
      const expected = expectedCloseKnownAt(deal, entry.enteredAt, index === deal.stagePath.length - 1);
      if (expected === null) return;
      const offset = deal.closedAt - expected;
      const bucket = leadTimeBucket(expected - entry.enteredAt, settings.leadTimeEdgesDays);
      for (const key of [`${entry.stage}|${bucket}`, `${entry.stage}|*`, `*|${bucket}`, '*|*']) push(slip, key, offset);
    });
  }
  const warnings: string[] = [];
  const pooled = slip.get('*|*')?.length ?? 0;
  if (pooled > 0 && pooled < settings.minSamples) {
    warnings.push(`Close-date slippage is learned from only ${pooled} observations (fewer than ${settings.minSamples}); intervals are rough.`);
  }
  const toDistributions = (map: Map<string, number[]>) => new Map([...map].map(([key, values]) => [key, empiricalDistribution(values)]));
  return { settings, slip: toDistributions(slip), remaining: toDistributions(remaining), wonDealsUsed, warnings };
}

const resolvedSlip = new WeakMap<SlippageModel, Map<string, EmpiricalDistribution | undefined>>();

/** The most specific slip distribution with enough observations; the pooled one as a last resort. */
export function slipDistributionFor(model: SlippageModel, stage: string, leadMs: number): EmpiricalDistribution | undefined {
  const bucket = leadTimeBucket(leadMs, model.settings.leadTimeEdgesDays);
  let cache = resolvedSlip.get(model);
  if (!cache) resolvedSlip.set(model, (cache = new Map()));
  const cell = `${stage}|${bucket}`;
  if (cache.has(cell)) return cache.get(cell);
  let found = model.slip.get('*|*');
  for (const key of [cell, `${stage}|*`, `*|${bucket}`]) {
    const distribution = model.slip.get(key);
    if (distribution && distribution.sorted.length >= model.settings.minSamples) {
      found = distribution;
      break;
    }
  }
  cache.set(cell, found);
  return found;
}

export function remainingDistributionFor(model: SlippageModel, stage: string): EmpiricalDistribution | undefined {
  const distribution = model.remaining.get(stage);
  if (distribution && distribution.sorted.length >= model.settings.minSamples) return distribution;
  return model.remaining.get('*');
}
