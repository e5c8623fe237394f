import type { ForecastDeal } from '../deal-state';
import { shareBelow, type EmpiricalDistribution } from './empirical-distribution';
import { remainingDistributionFor, slipDistributionFor, type SlippageModel } from './learn-slippage';

/** Where a deal's close-time distribution came from. */
export type CloseTimeSource = 'expected-close' | 'stage-remaining' | 'beyond-history';

/**
 * Writes P(close < boundaries[m + 1] | still open at now) for each month m into out[offset + m].
 * Close = anchor + X, X from the learned distribution, conditioned on close ≥ now (the deal is still
 * open). The anchor is the expected close date (X = slippage) or, without one, the stage entry
 * (X = remaining time in history). When no historical X lands after now (the deal is older or later
 * than anything seen), the stage's remaining time is counted from now instead.
 */
export function writeCloseTimeCdf(
  model: SlippageModel,
  deal: ForecastDeal,
  now: number,
  boundaries: Float64Array,
  out: Float64Array,
  offset: number,
): CloseTimeSource {
  // Without any won deal that had an expected date, stage durations stand in for slippage.
  const slip = deal.expectedCloseAt === null ? undefined : slipDistributionFor(model, deal.stage, deal.expectedCloseAt - now);
  let source: CloseTimeSource = slip ? 'expected-close' : 'stage-remaining';
  let anchor = slip ? deal.expectedCloseAt! : deal.stageEnteredAt;
  let distribution: EmpiricalDistribution | undefined = slip ?? remainingDistributionFor(model, deal.stage);
  let belowNow = distribution ? shareBelow(distribution, now - anchor) : 1;
  if (belowNow >= 1) {
    source = 'beyond-history';
    anchor = now;
    distribution = remainingDistributionFor(model, deal.stage);
    belowNow = distribution ? shareBelow(distribution, 0) : 1;
  }
  if (!distribution || belowNow >= 1) throw new Error(`No close-time history applies to deal ${String(deal.dealId)}`);
  const mass = 1 - belowNow;
  const months = boundaries.length - 1;
  for (let m = 0; m < months; m++) {
    const below = shareBelow(distribution, boundaries[m + 1]! - anchor) - belowNow;
    out[offset + m] = below <= 0 ? 0 : Math.min(1, below / mass);
  }
  return source;
}
