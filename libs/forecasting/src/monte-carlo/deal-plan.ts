import type { ForecastDeal } from '../deal-state';
import { ForecastInputError } from '../forecast-error';
import { writeCloseTimeCdf, type CloseTimeSource } from '../slippage/close-time-distribution';
import type { SlippageModel } from '../slippage/learn-slippage';

/** Per open deal: P(won and closed in month m) over the horizon, and when it has likely closed. */
export interface DealPlan {
  months: number;
  /** dealCount × months. */
  monthProbability: Float64Array;
  /** P(won within the horizon). */
  landing: Float64Array;
  amounts: Float64Array;
  winProbability: Float64Array;
  /** First month by whose end the deal has more likely than not closed; -1 past the horizon. */
  medianMonth: Int16Array;
  sources: Record<CloseTimeSource, number>;
}

function checkDeal(deal: ForecastDeal): void {
  const id = String(deal.dealId);
  if (!Number.isFinite(deal.amount) || deal.amount < 0) throw new ForecastInputError('invalid-input', `Deal ${id}: amount must be a finite number ≥ 0 (got ${deal.amount})`);
  if (!(deal.winProbability >= 0 && deal.winProbability <= 1)) {
    throw new ForecastInputError('invalid-input', `Deal ${id}: winProbability must be within 0..1 (got ${deal.winProbability})`);
  }
  if (!Number.isFinite(deal.stageEnteredAt)) throw new ForecastInputError('invalid-input', `Deal ${id}: stageEnteredAt is not a time`);
  if (deal.expectedCloseAt !== null && !Number.isFinite(deal.expectedCloseAt)) {
    throw new ForecastInputError('invalid-input', `Deal ${id}: expectedCloseAt must be a time or null`);
  }
}

export function planDeals(deals: readonly ForecastDeal[], model: SlippageModel, now: number, boundaries: Float64Array): DealPlan {
  const months = boundaries.length - 1;
  const count = deals.length;
  const monthProbability = new Float64Array(count * months);
  const landing = new Float64Array(count);
  const amounts = new Float64Array(count);
  const winProbability = new Float64Array(count);
  const medianMonth = new Int16Array(count);
  const sources: Record<CloseTimeSource, number> = { 'expected-close': 0, 'stage-remaining': 0, 'beyond-history': 0 };
  const cdf = new Float64Array(months);
  for (let d = 0; d < count; d++) {
    const deal = deals[d]!;
    checkDeal(deal);
    sources[writeCloseTimeCdf(model, deal, now, boundaries, cdf, 0)]++;
    amounts[d] = deal.amount;
    winProbability[d] = deal.winProbability;
    medianMonth[d] = -1;
    let previous = 0;
    for (let m = 0; m < months; m++) {
      monthProbability[d * months + m] = deal.winProbability * (cdf[m]! - previous);
      previous = cdf[m]!;
      if (medianMonth[d] === -1 && cdf[m]! >= 0.5) medianMonth[d] = m;
    }
    landing[d] = deal.winProbability * cdf[months - 1]!;
  }
  return { months, monthProbability, landing, amounts, winProbability, medianMonth, sources };
}
