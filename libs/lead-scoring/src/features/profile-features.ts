import type { FeatureValue } from '@hub/ml';
import { DAY_MS } from '../lead-scoring-settings';
import { timeMs, type LeadSnapshot } from '../snapshot/lead-snapshot';

/** Prefixes of custom-property features: `contact.custom.product_fit_score`, `company.custom.tier`. */
export const CONTACT_CUSTOM_PREFIX = 'contact.custom.';
export const COMPANY_CUSTOM_PREFIX = 'company.custom.';

/** Company segments by head count, as the CRM's sales teams are cut. */
export function companySegment(employees: number | null | undefined): string | null {
  if (typeof employees !== 'number') return null;
  return employees < 200 ? 'SMB' : employees < 2000 ? 'Mid-Market' : 'Enterprise';
}

// Title words in order of precedence ("Vice President" before "President", "Head" before the rest).
const TITLE_SENIORITY: readonly [RegExp, string][] = [
  [/\b(vice president|vp|svp|evp)\b/i, 'vp'],
  [/\b(chief|ceo|cfo|cto|coo|cio|cmo|cro|founder|owner|president|managing director|partner)\b/i, 'c_level'],
  [/\b(director|head of|head)\b/i, 'director'],
  [/\b(manager|lead|supervisor)\b/i, 'manager'],
];

/** Seniority as the CRM states it, else read from the title (many CRMs leave the field empty). */
export function seniorityOf(seniority: string | null | undefined, title: string | null | undefined): string | null {
  if (seniority) return seniority;
  if (!title?.trim()) return null;
  for (const [pattern, level] of TITLE_SENIORITY) if (pattern.test(title)) return level;
  return 'individual';
}

/**
 * Keys that are record identifiers, not properties: unique per record, they can only teach noise.
 * `external_id`, `hubspotId`, `id`.
 */
function isIdentifierKey(key: string): boolean {
  return /^id$|_id$|[a-z]Id$|ID$/.test(key);
}

function addCustom(row: Record<string, FeatureValue>, prefix: string, custom: Record<string, unknown> | null | undefined): void {
  if (!custom) return;
  for (const [key, value] of Object.entries(custom)) {
    if (isIdentifierKey(key)) continue;
    if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') row[prefix + key] = value;
  }
}

/**
 * Who the lead is: role, source, firmographics and every custom property. These have no history in
 * the contract, so they are taken as they stand (the contract sets them at creation); company age
 * counts only time before the cut-off.
 */
export function profileFeatures(snapshot: LeadSnapshot, cutoff: number, row: Record<string, FeatureValue>): void {
  const { contact, company } = snapshot;
  row['seniority'] = seniorityOf(contact.seniority, contact.title);
  row['is_decision_maker'] = contact.is_decision_maker ?? null;
  row['lead_source'] = contact.lead_source ?? null;
  row['industry'] = company?.industry ?? null;
  row['country'] = company?.country ?? null;
  row['employees'] = company?.employees ?? null;
  row['annual_revenue'] = company?.annual_revenue ?? null;
  row['company_segment'] = companySegment(company?.employees);
  const companyCreated = timeMs(company?.created_at);
  row['company_age_days'] = companyCreated <= cutoff ? Math.floor((cutoff - companyCreated) / DAY_MS) : null;
  addCustom(row, CONTACT_CUSTOM_PREFIX, contact.custom);
  addCustom(row, COMPANY_CUSTOM_PREFIX, company?.custom);
}
