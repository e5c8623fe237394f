import type { ForecastDeal } from '../deal-state';

/**
 * The forecast categories sales teams use. A deal is `commit` when it is in a commit stage or its
 * win probability reaches commitMinProbability; otherwise `best-case` when it is in a best-case
 * stage or reaches bestCaseMinProbability; otherwise `pipeline`. Categories are disjoint; the
 * usual "best case" call (commit + best case) is their sum.
 */
export type ForecastCategory = 'commit' | 'best-case' | 'pipeline';

export interface ForecastCategoryRule {
  commitStages: readonly string[];
  commitMinProbability: number;
  bestCaseStages: readonly string[];
  bestCaseMinProbability: number;
}

export const DEFAULT_CATEGORY_RULE: ForecastCategoryRule = {
  commitStages: ['negotiation'],
  commitMinProbability: 0.7,
  bestCaseStages: ['proposal', 'negotiation'],
  bestCaseMinProbability: 0.4,
};

export const FORECAST_CATEGORIES: readonly ForecastCategory[] = ['commit', 'best-case', 'pipeline'];

export function forecastCategory(deal: Pick<ForecastDeal, 'stage' | 'winProbability'>, rule: ForecastCategoryRule = DEFAULT_CATEGORY_RULE): ForecastCategory {
  if (rule.commitStages.includes(deal.stage) || deal.winProbability >= rule.commitMinProbability) return 'commit';
  if (rule.bestCaseStages.includes(deal.stage) || deal.winProbability >= rule.bestCaseMinProbability) return 'best-case';
  return 'pipeline';
}
