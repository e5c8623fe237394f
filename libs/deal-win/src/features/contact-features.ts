import { ENGAGEMENT_TYPES, extractLeadFeatures, QUALIFICATION_DAYS, timeMs, windowFeature, type LeadSnapshot } from '@hub/lead-scoring';
import type { FeatureValue } from '@hub/ml';
import { DAY_MS } from '../deal-win-settings';
import type { DealSnapshot } from '../snapshot/deal-snapshot';

/** Prefix of the contact's engagement as a lead: `lead.website_visit`, `lead.demo_held`. */
export const LEAD_PREFIX = 'lead.';

/**
 * The lead's engagement read at its qualification moment: one count per activity type over its whole
 * history then (the 30-day window of a lead at most 21 days old), and whether it had a demo. Lead
 * scoring's 7- and 90-day windows, rates and recencies are left out: at that moment they repeat these
 * counts, and on a few thousand deals every extra weak column costs accuracy (measured: 0.01 ROC AUC).
 */
const LEAD_ENGAGEMENT = new Map<string, string>([
  ...ENGAGEMENT_TYPES.map((type): [string, string] => [windowFeature(type, 30), LEAD_PREFIX + type]),
  ['demo_held', LEAD_PREFIX + 'demo_held'],
]);

/** Who the contact and company are: kept under lead scoring's names (custom properties included). */
const PROFILE_FEATURES = new Set(['seniority', 'is_decision_maker', 'lead_source', 'industry', 'country', 'employees', 'annual_revenue', 'company_segment']);

/**
 * The deal's contact and company, through lead scoring's features: the profile (role, source,
 * firmographics, every custom property of contact and company) and the contact's engagement as a lead,
 * taken at its qualification moment (`created_at` + 21 days), or at `at` if that is earlier. How keen
 * the lead was before sales worked it says much about whether the deal will close.
 */
export function contactFeatures(snapshot: DealSnapshot, at: number, row: Record<string, FeatureValue>): void {
  const lead: LeadSnapshot = snapshot.lead
    ? { ...snapshot.lead, company: snapshot.company ?? snapshot.lead.company }
    : { contact: { id: 0, created_at: snapshot.deal.created_at }, company: snapshot.company, activities: [], emails: [], meetings: [], deals: [] };
  const qualified = timeMs(lead.contact.created_at) + QUALIFICATION_DAYS * DAY_MS;
  const moment = Number.isFinite(qualified) ? Math.min(at, qualified) : at;
  const features = extractLeadFeatures(lead, moment);
  for (const [name, value] of Object.entries(features)) {
    if (PROFILE_FEATURES.has(name) || name.includes('.custom.')) row[name] = value;
    const engagement = LEAD_ENGAGEMENT.get(name);
    // Without a contact there is no lead history: unknown, not zero.
    if (engagement) row[engagement] = snapshot.lead ? value : null;
  }
}
