import type { FeatureRow, FeatureValue } from '@hub/ml';
import { COMPANY_CUSTOM_PREFIX, CONTACT_CUSTOM_PREFIX } from '../features/profile-features';
import type { FactorGroup } from './factor-groups';

const SENIORITY: Record<string, string> = {
  c_level: 'C-level role', vp: 'VP-level role', director: 'Director-level role', manager: 'Manager role', individual: 'Individual contributor role',
};
const LIFECYCLE: Record<string, string> = {
  lead: 'Still at lead stage', mql: 'Marketing qualified (MQL)', sql: 'Sales qualified (SQL)', opportunity: 'Opportunity stage',
  customer: 'Already a customer', churned: 'Former customer', disqualified: 'Previously disqualified',
};

const num = (value: FeatureValue): number => (typeof value === 'number' ? value : NaN);
const count = (row: FeatureRow, feature: string): number => (typeof row[feature] === 'number' ? (row[feature] as number) : 0);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

const humanised = new Map<string, string>();

/** `product_fit_score` → `Product fit score`, `annualBudget` → `Annual budget` (remembered: a few property names recur for every lead). */
export function humanise(key: string): string {
  let text = humanised.get(key);
  if (text === undefined) {
    text = capitalise(key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_.-]+/g, ' ').trim().toLowerCase());
    if (humanised.size < 10_000) humanised.set(key, text);
  }
  return text;
}

function customPhrase(name: string, value: FeatureValue): string {
  if (value === null || value === undefined || value === '') return `${name} unknown`;
  if (typeof value === 'boolean') return value ? name : `${name}: no`;
  if (typeof value === 'number') {
    const shown = Number.isInteger(value) ? String(value) : value.toFixed(2).replace(/\.?0+$/, '');
    // Scores read best against their scale ("Product fit score 8/10").
    if (/score|rating/i.test(name) && value >= 0) return value <= 10 ? `${name} ${shown}/10` : value <= 100 ? `${name} ${shown}/100` : `${name} ${shown}`;
    return `${name} ${shown}`;
  }
  return `${name}: ${String(value)}`;
}

function recencyPhrase(row: FeatureRow): string {
  const engaged = num(row['days_since_last_engagement']);
  if (!Number.isFinite(engaged)) return Number.isFinite(num(row['days_since_last_touch'])) ? 'No response to outreach yet' : 'No activity yet';
  if (engaged >= 90) return 'No activity in 90 days';
  if (engaged >= 60) return 'No activity in 60 days';
  if (engaged >= 30) return 'No activity in 30 days';
  return engaged <= 7 ? 'Active in the last 7 days' : 'Active in the last 30 days';
}

/**
 * The plain phrase of a factor: the fact for most groups ("Decision maker role", "Budget confirmed",
 * "No activity in 30 days"); engagement is judged by its effect ("High" or "Low engagement rate").
 */
export function factorPhrase(group: FactorGroup, row: FeatureRow, contribution: number): string {
  const value = (feature: string) => row[feature];
  switch (group) {
    case 'seniority':
      return SENIORITY[String(value('seniority'))] ?? 'Seniority unknown';
    case 'decision_maker':
      return value('is_decision_maker') === true ? 'Decision maker role' : value('is_decision_maker') === false ? 'Not a decision maker' : 'Decision-making role unknown';
    case 'lead_source':
      return value('lead_source') ? `${capitalise(String(value('lead_source')))} lead source` : 'Lead source unknown';
    case 'industry':
      return value('industry') ? `Industry: ${String(value('industry'))}` : 'Industry unknown';
    case 'company_size': {
      const employees = num(value('employees'));
      if (!Number.isFinite(employees)) return 'Company size unknown';
      return `${String(value('company_segment'))} company (${employees.toLocaleString('en')} employees)`;
    }
    case 'country':
      return value('country') ? `Based in ${String(value('country'))}` : 'Country unknown';
    case 'company_age': {
      const days = num(value('company_age_days'));
      return Number.isFinite(days) ? `Company in the CRM for ${plural(Math.round(days), 'day')}` : 'Company new to the CRM';
    }
    case 'engagement':
      return contribution >= 0 ? 'High engagement rate' : 'Low engagement rate';
    case 'email_engagement': {
      const replied = count(row, 'email_replied_90d');
      const clicked = count(row, 'email_clicked_90d');
      if (replied > 0) return `Replied to emails (${replied})`;
      if (clicked > 0) return `Clicked through emails (${clicked})`;
      return count(row, 'email_opened_90d') > 0 ? 'Opens emails' : 'No email engagement';
    }
    case 'outreach': {
      const emails = count(row, 'email_sent_90d');
      const calls = count(row, 'call_90d');
      return emails + calls === 0 ? 'No sales outreach yet' : `Sales outreach: ${plural(emails, 'email')}, ${plural(calls, 'call')}`;
    }
    case 'meetings': {
      const held = count(row, 'meetings_held_total');
      return held > 0 ? `Meetings held (${held})` : 'No meetings yet';
    }
    case 'demo':
      return value('demo_held') === true ? 'Demo held' : 'No demo yet';
    case 'recency':
      return recencyPhrase(row);
    case 'lifecycle':
      return LIFECYCLE[String(value('lifecycle_at_cutoff'))] ?? 'Lifecycle stage unknown';
    case 'budget':
      return value('budget_confirmed') === true ? 'Budget confirmed' : value('budget_confirmed') === false ? 'Budget not confirmed' : 'No budget information yet';
    case 'deal': {
      if (count(row, 'open_deals') > 0) return `Open deal in ${String(value('deal_stage')).replace(/_/g, ' ')} stage`;
      if (count(row, 'lost_deals_before') > 0) return 'Lost a deal before';
      return count(row, 'won_deals_before') > 0 ? 'Won a deal before' : 'No open deal';
    }
    case 'other':
      return 'Other factors combined';
    default: {
      const key = group.slice('custom:'.length);
      const company = key.startsWith('company.');
      const property = company ? key.slice('company.'.length) : key;
      const feature = (company ? COMPANY_CUSTOM_PREFIX : CONTACT_CUSTOM_PREFIX) + property;
      return customPhrase(company ? `Company ${humanise(property).toLowerCase()}` : humanise(property), value(feature));
    }
  }
}
