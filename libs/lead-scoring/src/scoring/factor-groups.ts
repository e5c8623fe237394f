import { COMPANY_CUSTOM_PREFIX, CONTACT_CUSTOM_PREFIX } from '../features/profile-features';

/**
 * Factor groups: the features a user thinks of as one reason. Contributions of a group's features
 * are summed, so factors still add up (with the base) to the score's log-odds.
 */
export type FactorGroup =
  | 'seniority' | 'decision_maker' | 'lead_source' | 'industry' | 'company_size' | 'country' | 'company_age'
  | 'engagement' | 'email_engagement' | 'outreach' | 'meetings' | 'demo' | 'recency' | 'lifecycle' | 'budget' | 'deal'
  | `custom:${string}` | 'other';

const EXACT: Record<string, FactorGroup> = {
  seniority: 'seniority',
  is_decision_maker: 'decision_maker',
  lead_source: 'lead_source',
  industry: 'industry',
  employees: 'company_size',
  annual_revenue: 'company_size',
  company_segment: 'company_size',
  country: 'country',
  company_age_days: 'company_age',
  email_open_rate_90d: 'email_engagement',
  email_click_rate_90d: 'email_engagement',
  email_reply_rate_90d: 'email_engagement',
  emails_inbound_90d: 'email_engagement',
  emails_outbound_90d: 'outreach',
  meetings_held_total: 'meetings',
  meetings_held_90d: 'meetings',
  meeting_minutes_90d: 'meetings',
  demo_held: 'demo',
  days_since_last_engagement: 'recency',
  days_since_last_touch: 'recency',
  lifecycle_at_cutoff: 'lifecycle',
  budget_confirmed: 'budget',
  open_deals: 'deal',
  won_deals_before: 'deal',
  lost_deals_before: 'deal',
  deal_stage: 'deal',
  deal_amount: 'deal',
};

const BY_ACTIVITY_TYPE: Record<string, FactorGroup> = {
  website_visit: 'engagement',
  form_submitted: 'engagement',
  content_download: 'engagement',
  email_opened: 'email_engagement',
  email_clicked: 'email_engagement',
  email_replied: 'email_engagement',
  email_sent: 'outreach',
  call: 'outreach',
  note: 'outreach',
  meeting: 'meetings',
  demo: 'demo',
};

/** The group of a feature (or of a logistic interaction `a × b`, which has none: `other`). */
export function factorGroupOf(feature: string): FactorGroup {
  const exact = EXACT[feature];
  if (exact) return exact;
  if (feature.startsWith(CONTACT_CUSTOM_PREFIX)) return `custom:${feature.slice(CONTACT_CUSTOM_PREFIX.length)}`;
  if (feature.startsWith(COMPANY_CUSTOM_PREFIX)) return `custom:company.${feature.slice(COMPANY_CUSTOM_PREFIX.length)}`;
  const windowed = /^(.*)_(7|30|90)d$/.exec(feature);
  if (windowed) return BY_ACTIVITY_TYPE[windowed[1]!] ?? 'other';
  return 'other';
}

/** The features whose values are shown as a group's evidence (a few, not all 33 engagement columns). */
export const GROUP_EVIDENCE: Partial<Record<FactorGroup, readonly string[]>> = {
  seniority: ['seniority'],
  decision_maker: ['is_decision_maker'],
  lead_source: ['lead_source'],
  industry: ['industry'],
  company_size: ['company_segment', 'employees'],
  country: ['country'],
  company_age: ['company_age_days'],
  engagement: ['website_visit_30d', 'form_submitted_90d', 'content_download_90d'],
  email_engagement: ['email_opened_90d', 'email_clicked_90d', 'email_replied_90d', 'emails_inbound_90d'],
  outreach: ['email_sent_90d', 'call_90d', 'emails_outbound_90d'],
  meetings: ['meetings_held_total', 'meetings_held_90d'],
  demo: ['demo_held'],
  recency: ['days_since_last_engagement', 'days_since_last_touch'],
  lifecycle: ['lifecycle_at_cutoff'],
  budget: ['budget_confirmed'],
  deal: ['open_deals', 'deal_stage', 'lost_deals_before'],
};
