import { factorGroupOf } from '@hub/lead-scoring';
import { LEAD_PREFIX } from '../features/contact-features';
import { DEAL_CUSTOM_PREFIX } from '../features/deal-features';

/**
 * Deal factor groups: the features a user thinks of as one reason. A group's contributions are summed,
 * so factors still add up (with the base) to the log-odds. Contact and company features keep lead
 * scoring's groups (`seniority`, `company_size`, `custom:…`); deal custom properties are `custom:deal.…`.
 */
const EXACT: Record<string, string> = {
  stage: 'stage',
  days_in_stage: 'time_in_stage',
  deal_age_days: 'deal_age',
  days_to_expected_close: 'close_date',
  close_pushes: 'close_pushes',
  stage_regressions: 'stage_regression',
  days_since_last_activity: 'recency',
  touches_7d: 'activity',
  touches_30d: 'activity',
  touches_90d: 'activity',
  calls: 'activity',
  emails_sent: 'activity',
  emails_outbound: 'activity',
  emails_opened: 'responses',
  emails_replied: 'responses',
  emails_inbound: 'responses',
  meetings: 'meetings',
  deal_demo_held: 'meetings',
  contacts_engaged: 'contacts',
  decision_maker_engaged: 'decision_maker_engaged',
  budget_confirmed: 'budget',
  amount_eur_ln: 'amount',
  amount_vs_segment: 'amount',
  amount_vs_size: 'amount',
  main_product: 'products',
  add_on_count: 'products',
  owner_win_rate: 'owner',
  owner_closed_deals: 'owner',
  owner_team: 'owner',
};

export function dealFactorGroupOf(feature: string): string {
  const exact = EXACT[feature];
  if (exact) return exact;
  if (feature.startsWith(DEAL_CUSTOM_PREFIX)) return `custom:deal.${feature.slice(DEAL_CUSTOM_PREFIX.length)}`;
  if (feature.startsWith(LEAD_PREFIX)) return 'lead_engagement';
  return factorGroupOf(feature);
}

/** The features whose values are shown as a group's evidence. */
export const DEAL_GROUP_EVIDENCE: Record<string, readonly string[]> = {
  stage: ['stage'],
  time_in_stage: ['days_in_stage', 'stage'],
  deal_age: ['deal_age_days'],
  close_date: ['days_to_expected_close'],
  close_pushes: ['close_pushes'],
  stage_regression: ['stage_regressions'],
  recency: ['days_since_last_activity'],
  activity: ['calls', 'emails_sent', 'touches_30d'],
  responses: ['emails_replied', 'emails_inbound'],
  meetings: ['meetings', 'deal_demo_held'],
  contacts: ['contacts_engaged'],
  decision_maker_engaged: ['decision_maker_engaged'],
  budget: ['budget_confirmed'],
  amount: ['amount_vs_segment', 'amount_vs_size', 'amount_eur_ln'],
  products: ['main_product', 'add_on_count'],
  owner: ['owner_win_rate', 'owner_closed_deals', 'owner_team'],
  lead_engagement: ['lead.website_visit', 'lead.form_submitted', 'lead.email_replied', 'lead.demo_held'],
};
