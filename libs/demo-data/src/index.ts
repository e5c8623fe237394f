/**
 * @hub/demo-data: a deterministic, realistic CRM data set with planted, documented signal.
 *
 *   const { records, truth } = generateDemo({ size: 'small', seed: 42 });
 *   for (const record of records) write(JSON.stringify(record) + '\n');   // one bundle line each
 *   // after the loop, `truth` holds p_convert / p_win / p_churn per entity, email categories, action items
 *
 * `records` is a one-pass iterator in bundle order (users, products, companies, contacts, deals, then
 * each contact's activities, emails and meetings, customer-success touches, subscriptions, tickets).
 * Activities stream: `large` (about a million) never sits in memory. Same options, same bytes.
 * See docs/demo-data.md for what the data holds and how the signal was planted.
 */
export { generateDemo, type DemoGeneration } from './generate-demo';
export { DEFAULT_AS_OF, DEMO_SIZES, HISTORY_DAYS, SIZE_PROFILES, type DemoOptions, type DemoSize, type SizeProfile } from './demo-options';
export type {
  BundleRecord, ChurnTruth, DealTruth, DemoTruth, EmailTruth, LeadTruth, MeetingTruth,
} from './demo-truth';
export type { ActionItem } from './text/action-items';
export type { EmailCategory, EmailSentiment } from './text/email-templates';
export { LEAD_COEFFICIENTS, LEAD_SCORING_OFFSET_DAYS, LEAD_HORIZON_DAYS } from './signal/lead-signal';
export { DEAL_DISTRIBUTIONS, DEAL_FOR_NON_CONVERTER, DEAL_SCORING_OFFSET_DAYS } from './signal/deal-signal';
export { CHURN_COEFFICIENTS, CHURN_HORIZON_DAYS, CHURN_SCORING_DAYS } from './signal/churn-signal';
