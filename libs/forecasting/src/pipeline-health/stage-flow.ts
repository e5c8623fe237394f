import { DAY_MS, type ClosedDealHistory } from '../deal-state';
import { sampleQuantile } from '../slippage/empirical-distribution';

export interface StageConversion {
  from: string;
  /** The next stage in order, or `won` after the last one. */
  to: string;
  /** Closed deals that entered `from`. */
  entered: number;
  /** Of those, how many reached `to` or a later stage (or were won). */
  advanced: number;
  rate: number | null;
}

export interface StageVelocity {
  stage: string;
  deals: number;
  averageDays: number | null;
  medianDays: number | null;
  /** The typical upper end of a stay (the aging threshold): this quantile of days in stage. */
  typicalMaxDays: number | null;
}

const days = (ms: number) => ms / DAY_MS;

/**
 * Conversion and velocity from the stage paths of deals closed in the window. Counting closed deals
 * only keeps deals still in flight from reading as losses.
 */
export function stageFlow(closed: readonly ClosedDealHistory[], stageOrder: readonly string[], agingQuantile: number) {
  const rank = new Map(stageOrder.map((s, i) => [s, i]));
  const conversions: StageConversion[] = stageOrder.map((from, i) => ({ from, to: stageOrder[i + 1] ?? 'won', entered: 0, advanced: 0, rate: null }));
  const stays = new Map<string, number[]>(stageOrder.map((s) => [s, []]));
  for (const deal of closed) {
    const reached = new Set<number>();
    deal.stagePath.forEach((entry, i) => {
      const r = rank.get(entry.stage);
      if (r === undefined) return;
      reached.add(r);
      const leftAt = deal.stagePath[i + 1]?.enteredAt ?? deal.closedAt;
      stays.get(entry.stage)!.push(days(leftAt - entry.enteredAt));
    });
    const furthest = deal.won ? stageOrder.length : Math.max(-1, ...reached);
    for (const r of reached) {
      conversions[r]!.entered++;
      if (furthest > r) conversions[r]!.advanced++;
    }
  }
  for (const c of conversions) c.rate = c.entered ? c.advanced / c.entered : null;
  const velocity: StageVelocity[] = stageOrder.map((stage) => {
    const sorted = Float64Array.from(stays.get(stage)!).sort();
    return {
      stage,
      deals: sorted.length,
      averageDays: sorted.length ? sorted.reduce((s, v) => s + v, 0) / sorted.length : null,
      medianDays: sorted.length ? sampleQuantile(sorted, 0.5) : null,
      typicalMaxDays: sorted.length ? sampleQuantile(sorted, agingQuantile) : null,
    };
  });
  const won = closed.filter((d) => d.won);
  const cycles = Float64Array.from(won, (d) => days(d.closedAt - d.createdAt)).sort();
  return {
    conversions,
    velocity,
    winRate: closed.length ? won.length / closed.length : null,
    averageCycleDays: cycles.length ? cycles.reduce((s, v) => s + v, 0) / cycles.length : null,
    medianCycleDays: cycles.length ? sampleQuantile(cycles, 0.5) : null,
    wonDeals: won.length,
    closedDeals: closed.length,
  };
}
