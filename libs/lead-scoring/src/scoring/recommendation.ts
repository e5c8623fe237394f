import type { LeadFactor } from '@hub/contracts';
import type { FeatureRow } from '@hub/ml';

export type ScoreBand = 'high' | 'medium' | 'low' | 'very_low';

/**
 * Bands relative to the base rate, because a 20% chance is excellent where 5% of leads convert and
 * ordinary where 40% do: high from twice the base rate (and at least 25%), medium from the base rate,
 * low from half of it.
 */
export function scoreBand(probability: number, baseRate: number): ScoreBand {
  if (probability >= Math.max(2 * baseRate, 0.25)) return 'high';
  if (probability >= baseRate) return 'medium';
  return probability >= baseRate / 2 ? 'low' : 'very_low';
}

const quietFor30Days = (row: FeatureRow) => {
  const days = row['days_since_last_engagement'];
  return typeof days !== 'number' || days >= 30;
};

/**
 * The next best action from the band and the factors: what a rep would do next with this lead.
 * The strongest negative factor adds a qualifier when it is one a rep can act on.
 */
export function recommend(band: ScoreBand, row: FeatureRow, factors: readonly LeadFactor[]): string {
  const openDeal = typeof row['open_deals'] === 'number' && row['open_deals'] > 0;
  const topNegative = factors.find((f) => f.contribution < 0);
  switch (band) {
    case 'high': {
      let action: string;
      if (!openDeal && row['demo_held'] !== true) action = 'schedule demo';
      else if (!openDeal) action = 'open a deal and confirm budget';
      else if (row['budget_confirmed'] !== true) action = 'confirm budget';
      else action = 'move the deal to proposal';
      const withDecisionMaker = topNegative?.key === 'decision_maker' && row['is_decision_maker'] === false;
      return `High priority - ${action}${withDecisionMaker ? ' with the decision maker' : ''}`;
    }
    case 'medium':
      if (quietFor30Days(row)) return 'Medium priority - re-engage with a personal follow-up';
      if (!(typeof row['meetings_held_total'] === 'number' && row['meetings_held_total'] > 0)) return 'Medium priority - book a discovery call';
      return row['demo_held'] === true ? 'Medium priority - qualify budget and timeline' : 'Medium priority - offer a demo';
    case 'low':
      return quietFor30Days(row) ? 'Low priority - keep in nurture campaigns' : 'Low priority - nurture with relevant content';
    case 'very_low':
      return 'Very low priority - deprioritise; revisit if engagement picks up';
  }
}
