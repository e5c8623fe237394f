import type { LeadSource, Seniority } from '@hub/contracts';
import type { Segment } from '../catalog/firmographics';

/**
 * Lead conversion: the true probability that a contact becomes a customer within the horizon, as a
 * logistic function of what the bundle shows at the scoring moment (contact.created_at + 21 days).
 * Every input is observable then: the contact's and its company's fields, the contact's custom
 * properties (set at creation, never changed) and counts of the contact's activities before scored_at.
 */

export const LEAD_SCORING_OFFSET_DAYS = 21;
export const LEAD_HORIZON_DAYS = { min: 30, max: 120 } as const;

export const ENGAGEMENT_TYPES = [
  'email_sent', 'email_opened', 'email_clicked', 'email_replied', 'website_visit', 'form_submitted',
  'content_download', 'call', 'meeting', 'demo', 'note',
] as const;
export type EngagementType = (typeof ENGAGEMENT_TYPES)[number];
export type EngagementCounts = Record<EngagementType, number>;

export const TECH_STACKS = {
  salesforce: 24, hubspot: 22, spreadsheets: 18, dynamics: 10, pipedrive: 10, zoho: 9,
  // Rare levels: a model must cope with categories seen a handful of times.
  sap: 3, in_house: 2.5, none: 1.5,
} as const;
export type TechStack = keyof typeof TECH_STACKS;

export interface LeadFeatures {
  seniority: Seniority;
  isDecisionMaker: boolean;
  leadSource: LeadSource;
  segment: Segment;
  industry: string;
  counts: EngagementCounts;
  productFitScore: number;
  trialActive: boolean;
  techStack: TechStack;
}

type Transform = 'log1p' | 'cap3' | 'cap2' | 'cap5' | 'any';

export const LEAD_COEFFICIENTS = {
  intercept: -4.1,
  seniority: { c_level: 0.3, vp: 0.45, director: 0.35, manager: 0.1, individual: -0.35 } as Record<Seniority, number>,
  isDecisionMaker: 0.6,
  leadSource: {
    referral: 0.9, partner: 0.55, inbound: 0.5, event: 0.15, organic: 0.1, paid: -0.15, outbound: -0.45,
  } as Record<LeadSource, number>,
  segment: { SMB: 0, 'Mid-Market': 0.2, Enterprise: -0.2 } as Record<Segment, number>,
  industry: {
    Software: 0.35, 'Financial Services': 0.15, 'Professional Services': 0.1, Manufacturing: 0, Healthcare: -0.1,
    Retail: -0.25, Logistics: 0.05, Education: -0.4, Media: 0, Energy: -0.1, 'Public Sector': -0.6,
  } as Record<string, number>,
  /** Per activity type: coefficient on a transform of the count before scored_at. */
  engagement: {
    website_visit: { coefficient: 0.35, transform: 'log1p' },
    form_submitted: { coefficient: 0.45, transform: 'cap3' },
    content_download: { coefficient: 0.25, transform: 'log1p' },
    email_opened: { coefficient: 0.12, transform: 'log1p' },
    email_clicked: { coefficient: 0.35, transform: 'log1p' },
    email_replied: { coefficient: 0.5, transform: 'cap3' },
    call: { coefficient: 0.1, transform: 'cap5' },
    meeting: { coefficient: 0.4, transform: 'cap2' },
    demo: { coefficient: 0.9, transform: 'any' },
  } as Partial<Record<EngagementType, { coefficient: number; transform: Transform }>>,
  /** custom.product_fit_score (0-100): coefficient per point away from 50. The strongest single input. */
  productFitPerPoint: 0.04,
  trialActive: 0.7,
  techStack: {
    spreadsheets: 0.45, hubspot: 0.1, salesforce: -0.35, pipedrive: 0.15, zoho: 0.1, dynamics: -0.2,
    sap: 0.5, in_house: -0.9, none: 0.6,
  } as Record<TechStack, number>,
};

export function applyTransform(transform: Transform, count: number): number {
  switch (transform) {
    case 'log1p': return Math.log1p(count);
    case 'cap2': return Math.min(count, 2);
    case 'cap3': return Math.min(count, 3);
    case 'cap5': return Math.min(count, 5);
    case 'any': return count > 0 ? 1 : 0;
  }
}

export function leadLogit(features: LeadFeatures): number {
  const c = LEAD_COEFFICIENTS;
  let z = c.intercept
    + c.seniority[features.seniority]
    + (features.isDecisionMaker ? c.isDecisionMaker : 0)
    + c.leadSource[features.leadSource]
    + c.segment[features.segment]
    + (c.industry[features.industry] ?? 0)
    + c.productFitPerPoint * (features.productFitScore - 50)
    + (features.trialActive ? c.trialActive : 0)
    + c.techStack[features.techStack];
  for (const type of Object.keys(c.engagement) as EngagementType[]) {
    const term = c.engagement[type];
    if (term) z += term.coefficient * applyTransform(term.transform, features.counts[type]);
  }
  return z;
}

/**
 * The lead signal as data: enough to recompute every p_convert from the bundle alone. Term kinds:
 * categorical (levels by value), boolean (coefficient when true), numeric (coefficient * (x - center)),
 * segment (employees bucketed, then levels), activity_count (transform of a count of the contact's
 * activities of one type with occurred_at < scored_at: ln1p, min(count, cap), or any = count > 0).
 */
export function describeLeadSignal() {
  const c = LEAD_COEFFICIENTS;
  return {
    entity: 'contact',
    outcome: 'lifecycle_changed to customer (with a won deal) within the horizon after scored_at',
    scored_at: `contact.created_at + ${LEAD_SCORING_OFFSET_DAYS} days`,
    scoring_offset_days: LEAD_SCORING_OFFSET_DAYS,
    horizon_days: LEAD_HORIZON_DAYS,
    link: 'logistic',
    formula: 'p_convert = sigmoid(intercept + sum of terms)',
    intercept: c.intercept,
    terms: [
      { source: 'contact.seniority', kind: 'categorical', levels: c.seniority },
      { source: 'contact.is_decision_maker', kind: 'boolean', coefficient: c.isDecisionMaker },
      { source: 'contact.lead_source', kind: 'categorical', levels: c.leadSource },
      { source: 'company.employees', kind: 'segment', bounds: { SMB: 200, 'Mid-Market': 2000 }, levels: c.segment },
      { source: 'company.industry', kind: 'categorical', levels: c.industry },
      { source: 'contact.custom.product_fit_score', kind: 'numeric', center: 50, coefficient: c.productFitPerPoint },
      { source: 'contact.custom.trial_active', kind: 'boolean', coefficient: c.trialActive },
      { source: 'contact.custom.tech_stack', kind: 'categorical', levels: c.techStack },
      ...Object.entries(c.engagement).map(([type, term]) => ({
        source: 'activities',
        kind: 'activity_count',
        activity_type: type,
        window: 'contact_id = contact.id and occurred_at < scored_at',
        transform: term?.transform.startsWith('cap') ? 'cap' : term?.transform,
        ...(term?.transform.startsWith('cap') ? { cap: Number(term.transform.slice(3)) } : {}),
        coefficient: term?.coefficient,
      })),
    ],
    noise_fields: ['contact.custom.newsletter_opt_in', 'contact.custom.preferred_language', 'contact.owner_id', 'contact.title beyond seniority', 'company.custom'],
  };
}
