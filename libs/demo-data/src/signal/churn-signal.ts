/**
 * Churn: the true probability that a customer company ends all its subscriptions within the horizon
 * after its scoring moment (a draw between 120 and 300 days after its first subscription started), as a
 * logistic function of what the bundle shows then. Nothing before scored_at depends on the outcome;
 * after it, churning companies file more and more urgent tickets and hear less from customer success.
 */

export const CHURN_SCORING_DAYS = { min: 120, max: 300 } as const;
export const CHURN_HORIZON_DAYS = 180;
export const CHURN_WINDOW_DAYS = 90;

export type Tier = 'strategic' | 'key' | 'standard';

export interface ChurnFeatures {
  /** Tickets with priority high or urgent created in the 90 days before scored_at. */
  urgentTickets90d: number;
  /** All tickets created in the 90 days before scored_at. */
  tickets90d: number;
  /** company.custom.health_score. */
  healthScore: number;
  /** Calls, meetings and notes by customer-success users with the company's contacts in the 90 days before scored_at. */
  successTouches90d: number;
  /** Distinct products with a subscription active at scored_at. */
  activeProducts: number;
  /** Days from the first subscription's start to scored_at. */
  tenureDays: number;
  tier: Tier;
}

export const CHURN_COEFFICIENTS = {
  intercept: -0.8,
  urgentTickets90dCap4: 0.55,
  tickets90dCap10: 0.06,
  healthScorePerPointFrom65: -0.045,
  successTouches90dCap4: -0.3,
  activeProductsAbove1: -0.25,
  tenurePerDayFrom200: -0.003,
  tier: { strategic: -0.5, key: -0.2, standard: 0 } as Record<Tier, number>,
};

export function churnLogit(f: ChurnFeatures): number {
  const c = CHURN_COEFFICIENTS;
  return c.intercept
    + c.urgentTickets90dCap4 * Math.min(f.urgentTickets90d, 4)
    + c.tickets90dCap10 * Math.min(f.tickets90d, 10)
    + c.healthScorePerPointFrom65 * (f.healthScore - 65)
    + c.successTouches90dCap4 * Math.min(f.successTouches90d, 4)
    + c.activeProductsAbove1 * (f.activeProducts - 1)
    + c.tenurePerDayFrom200 * (f.tenureDays - 200)
    + c.tier[f.tier];
}

/**
 * The churn signal as data. Term kinds: ticket_count (tickets of the company created in the window
 * before scored_at, optionally only some priorities, capped), numeric, success_touches (activities of
 * these types by users of the team with the company's contacts in the window, capped), active_products
 * (distinct products of subscriptions running at scored_at, minus offset), tenure_days (days from the
 * company's first subscription start, minus center), categorical.
 */
export function describeChurnSignal() {
  const c = CHURN_COEFFICIENTS;
  return {
    entity: 'company',
    outcome: `every subscription of the company ends (ended_at) within ${CHURN_HORIZON_DAYS} days after scored_at, none replacing it`,
    scored_at: `first subscription started_at + a uniform draw of ${CHURN_SCORING_DAYS.min}-${CHURN_SCORING_DAYS.max} days (stated per company in the truth)`,
    horizon_days: CHURN_HORIZON_DAYS,
    link: 'logistic',
    formula: 'p_churn = sigmoid(intercept + sum of terms)',
    intercept: c.intercept,
    terms: [
      { source: 'tickets', kind: 'ticket_count', priorities: ['high', 'urgent'], window_days: CHURN_WINDOW_DAYS, cap: 4, coefficient: c.urgentTickets90dCap4 },
      { source: 'tickets', kind: 'ticket_count', window_days: CHURN_WINDOW_DAYS, cap: 10, coefficient: c.tickets90dCap10 },
      { source: 'company.custom.health_score', kind: 'numeric', center: 65, coefficient: c.healthScorePerPointFrom65 },
      { source: 'activities', kind: 'success_touches', activity_types: ['call', 'meeting', 'note'], team: 'Customer Success', window_days: CHURN_WINDOW_DAYS, cap: 4, coefficient: c.successTouches90dCap4 },
      { source: 'subscriptions', kind: 'active_products', offset: 1, coefficient: c.activeProductsAbove1 },
      { source: 'subscriptions', kind: 'tenure_days', center: 200, coefficient: c.tenurePerDayFrom200 },
      { source: 'company.custom.tier', kind: 'categorical', levels: c.tier },
    ],
  };
}
