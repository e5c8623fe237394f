import { closedAtOf, stageHistory, type DealSnapshot } from '../snapshot/deal-snapshot';

/**
 * Win rates by open stage when the CRM's own history is too thin: general B2B experience (the usual CRM
 * defaults lie between 10% in prospecting and 60-90% in negotiation; these are the cautious end), not
 * learned from this CRM. `unknown` is the overall rate.
 */
export const DEFAULT_STAGE_WIN_RATES: Readonly<Record<string, number>> = {
  prospecting: 0.1, qualification: 0.2, proposal: 0.4, negotiation: 0.6, unknown: 0.25,
};

/** Closed deals of prior weight pulling a stage's historical rate toward the default table. */
const PRIOR_DEALS = 20;

export interface StageWinRate {
  readonly rate: number;
  /** Closed deals that had reached the stage. */
  readonly deals: number;
}

/**
 * Historical stage win rates, point in time: for each open stage, the share of deals that reached it
 * and closed before `at` that were won, smoothed toward the default table by 20 deals' worth.
 */
export function historicalStageWinRates(snapshots: Iterable<DealSnapshot>, at: number): Record<string, StageWinRate> {
  const counts = new Map<string, { deals: number; wins: number }>();
  let all = 0;
  let allWins = 0;
  for (const snapshot of snapshots) {
    const closed = closedAtOf(snapshot);
    if (!closed || !(closed.at < at)) continue;
    all++;
    if (closed.won) allWins++;
    for (const stage of new Set(stageHistory(snapshot).map((c) => c.to))) {
      if (!(stage in DEFAULT_STAGE_WIN_RATES)) continue;
      const c = counts.get(stage) ?? { deals: 0, wins: 0 };
      c.deals++;
      if (closed.won) c.wins++;
      counts.set(stage, c);
    }
  }
  counts.set('unknown', { deals: all, wins: allWins });
  const rates: Record<string, StageWinRate> = {};
  for (const [stage, prior] of Object.entries(DEFAULT_STAGE_WIN_RATES)) {
    const c = counts.get(stage) ?? { deals: 0, wins: 0 };
    rates[stage] = { rate: (c.wins + PRIOR_DEALS * prior) / (c.deals + PRIOR_DEALS), deals: c.deals };
  }
  return rates;
}
