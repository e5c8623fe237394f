import type { ForecastDeal } from '../deal-state';
import { DEFAULT_RISK_SETTINGS, riskFlags, type RiskFlag, type RiskSettings } from './risk-flags';

export interface DealRisk {
  dealId: string | number;
  name?: string;
  amount: number;
  winProbability: number;
  /** amount × winProbability: what the deal is worth to the forecast. */
  expectedValue: number;
  /** expectedValue × min(1, sum of the flags' weights): the part of it the flags put in doubt. */
  revenueAtRisk: number;
  flags: RiskFlag[];
}

/** Open deals with at least one flag, largest revenue at risk first (ties: larger amount, then id). */
export function rankDealRisks(deals: readonly ForecastDeal[], now: number, settings: RiskSettings = DEFAULT_RISK_SETTINGS): DealRisk[] {
  return deals
    .flatMap((deal) => {
      const flags = riskFlags(deal, now, settings);
      if (flags.length === 0) return [];
      const expectedValue = deal.amount * deal.winProbability;
      const severity = Math.min(1, flags.reduce((s, f) => s + f.weight, 0));
      return [{ dealId: deal.dealId, name: deal.name, amount: deal.amount, winProbability: deal.winProbability, expectedValue, revenueAtRisk: expectedValue * severity, flags }];
    })
    .sort((a, b) => b.revenueAtRisk - a.revenueAtRisk || b.amount - a.amount || String(a.dealId).localeCompare(String(b.dealId)));
}
