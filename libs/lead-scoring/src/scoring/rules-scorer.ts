import type { LeadScore } from '@hub/contracts';
import type { FeatureRow } from '@hub/ml';
import { extractLeadFeatures, type LeadFeatureOptions } from '../features/lead-features';
import { RULES_VERSION } from '../lead-scoring-settings';
import type { LeadSnapshot } from '../snapshot/lead-snapshot';
import { assembleScore } from './assemble-score';
import type { FactorGroup } from './factor-groups';

/**
 * The rules, in log-odds (docs/lead-scoring.md lists them as points = 10 × log-odds). General B2B
 * experience, not learned from this CRM: they rank leads sensibly from the first day, and the hub
 * says so in every answer until it has the conversions to learn its own weights.
 */
export const LEAD_RULES = {
  /** A lead with nothing known scores sigmoid(−2.5) ≈ 8%. */
  baseLogit: -2.5,
  decisionMaker: 0.6,
  seniority: { c_level: 0.4, vp: 0.4, director: 0.3, manager: 0.1, individual: -0.3 } as Record<string, number>,
  leadSource: { referral: 0.8, partner: 0.5, inbound: 0.5, event: 0.2, organic: 0.1, paid: -0.1, outbound: -0.4 } as Record<string, number>,
  /** × ln(1 + visits in 30 days) */
  websiteVisits: 0.3,
  /** per form in 90 days, at most 3 */
  formSubmissions: 0.4,
  /** × ln(1 + downloads in 90 days) */
  contentDownloads: 0.25,
  /** × ln(1 + opens in 90 days) */
  emailOpens: 0.1,
  /** × ln(1 + clicks in 90 days) */
  emailClicks: 0.3,
  /** per reply in 90 days, at most 3 */
  emailReplies: 0.4,
  /** per meeting held, at most 2 */
  meetings: 0.4,
  demoHeld: 0.9,
  budgetConfirmed: 0.5,
  budgetNotConfirmed: -0.2,
  openDeal: 0.3,
  /** no engagement in the last 30 days (or none ever) */
  quiet30Days: -0.5,
} as const;

/** The rule inputs that count as knowing something about a lead. */
export function rulesApplicable(row: FeatureRow): boolean {
  return row['seniority'] != null || row['is_decision_maker'] != null || row['lead_source'] != null || row['days_since_last_touch'] != null;
}

export class LeadNotScorableError extends Error {}

const n = (row: FeatureRow, feature: string): number => (typeof row[feature] === 'number' ? (row[feature] as number) : 0);

/** Contributions of the rules, per factor group, for a feature row. */
export function rulesContributions(row: FeatureRow): Map<FactorGroup, number> {
  const r = LEAD_RULES;
  const groups = new Map<FactorGroup, number>();
  groups.set('decision_maker', row['is_decision_maker'] === true ? r.decisionMaker : 0);
  groups.set('seniority', r.seniority[String(row['seniority'])] ?? 0);
  groups.set('lead_source', r.leadSource[String(row['lead_source'])] ?? 0);
  groups.set('engagement', r.websiteVisits * Math.log1p(n(row, 'website_visit_30d')) + r.formSubmissions * Math.min(3, n(row, 'form_submitted_90d'))
    + r.contentDownloads * Math.log1p(n(row, 'content_download_90d')));
  groups.set('email_engagement', r.emailOpens * Math.log1p(n(row, 'email_opened_90d')) + r.emailClicks * Math.log1p(n(row, 'email_clicked_90d'))
    + r.emailReplies * Math.min(3, n(row, 'email_replied_90d')));
  groups.set('meetings', r.meetings * Math.min(2, n(row, 'meetings_held_total')));
  groups.set('demo', row['demo_held'] === true ? r.demoHeld : 0);
  groups.set('budget', row['budget_confirmed'] === true ? r.budgetConfirmed : row['budget_confirmed'] === false ? r.budgetNotConfirmed : 0);
  groups.set('deal', n(row, 'open_deals') > 0 ? r.openDeal : 0);
  const quiet = typeof row['days_since_last_engagement'] !== 'number' || row['days_since_last_engagement'] >= 30;
  groups.set('recency', quiet ? r.quiet30Days : 0);
  return groups;
}

export interface RulesScoringOptions extends LeadFeatureOptions {
  /** The CRM's conversion rate so far, for the bands; default 10%. */
  readonly baseRate?: number;
}

/** Scores with the rules; throws LeadNotScorableError when nothing the rules use is known. */
export function scoreLeadWithRules(snapshot: LeadSnapshot, at: number, options: RulesScoringOptions = {}): LeadScore {
  const row = extractLeadFeatures(snapshot, at, options);
  if (!rulesApplicable(row)) {
    throw new LeadNotScorableError(
      `contact ${snapshot.contact.id} has none of the facts the rules score (seniority, decision maker, lead source, any activity before ${new Date(at).toISOString()})`,
    );
  }
  return assembleScore({
    contactId: snapshot.contact.id,
    row,
    baseLogit: LEAD_RULES.baseLogit,
    contributions: rulesContributions(row),
    method: 'rules',
    modelVersion: RULES_VERSION,
    baseRate: options.baseRate ?? 0.1,
    testRocAuc: null,
    asOf: at,
  });
}
