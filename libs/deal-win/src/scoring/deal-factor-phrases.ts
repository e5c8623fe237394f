import { factorPhrase, type FactorGroup } from '@hub/lead-scoring';
import type { FeatureRow, FeatureValue } from '@hub/ml';
import { DEAL_CUSTOM_PREFIX } from '../features/deal-features';

const num = (value: FeatureValue): number => (typeof value === 'number' ? value : NaN);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const stageName = (stage: FeatureValue) => String(stage ?? 'unknown').replace(/_/g, ' ');
const percent = (x: number) => `${Math.round(x * 100)}%`;

function amountPhrase(row: FeatureRow): string {
  const bySize = num(row['amount_vs_size']);
  const ratio = Number.isFinite(bySize) ? bySize : num(row['amount_vs_segment']);
  const norm = Number.isFinite(bySize) ? 'usual for the company size' : 'segment norm';
  if (!Number.isFinite(ratio)) return 'Amount (no norm known yet)';
  const change = Math.exp(ratio) - 1;
  if (Math.abs(change) < 0.1) return `Amount in line with the ${norm}`;
  return `Amount ${percent(Math.abs(change))} ${change > 0 ? 'above' : 'below'} the ${norm}`;
}

function recencyPhrase(row: FeatureRow): string {
  const quiet = num(row['days_since_last_activity']);
  if (!Number.isFinite(quiet)) return 'No activity yet';
  return quiet >= 7 ? `No activity for ${Math.floor(quiet)} days` : 'Active in the last 7 days';
}

function closeDatePhrase(row: FeatureRow): string {
  const toClose = num(row['days_to_expected_close']);
  if (!Number.isFinite(toClose)) return 'No expected close date';
  if (toClose < 0) return `${plural(Math.ceil(-toClose), 'day')} past the expected close date`;
  return `Expected to close in ${plural(Math.floor(toClose), 'day')}`;
}

/** A deal custom property, phrased as lead scoring phrases a contact's ("Competitor: incumbent"). */
function dealCustomPhrase(key: string, row: FeatureRow, contribution: number): string {
  return factorPhrase(`custom:${key}`, { [`contact.custom.${key}`]: row[DEAL_CUSTOM_PREFIX + key] ?? null }, contribution);
}

/**
 * The plain phrase of a deal factor: the fact ("Budget confirmed", "No activity for 21 days", "Owner
 * wins 45% of deals", "Close date pushed twice"); engagement volumes by their effect. Contact and
 * company groups are phrased by lead scoring.
 */
export function dealFactorPhrase(group: string, row: FeatureRow, contribution: number): string {
  const value = (feature: string) => row[feature];
  switch (group) {
    case 'stage':
      return `In ${stageName(value('stage'))} stage`;
    case 'time_in_stage': {
      const d = num(value('days_in_stage'));
      return Number.isFinite(d) ? `In ${stageName(value('stage'))} for ${plural(Math.floor(d), 'day')}` : 'Time in stage unknown';
    }
    case 'deal_age':
      return `Deal open for ${plural(Math.floor(num(value('deal_age_days'))), 'day')}`;
    case 'close_date':
      return closeDatePhrase(row);
    case 'close_pushes': {
      const n = num(value('close_pushes'));
      return n > 0 ? `Close date pushed ${n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`}` : 'Close date never pushed';
    }
    case 'stage_regression':
      return num(value('stage_regressions')) > 0 ? 'Moved back a stage' : 'No stage moved back';
    case 'recency':
      return recencyPhrase(row);
    case 'activity':
      return `Deal activity: ${plural(num(value('calls')) || 0, 'call')}, ${plural(num(value('emails_sent')) || 0, 'email')} sent`;
    case 'responses': {
      const replies = (num(value('emails_replied')) || 0) + (num(value('emails_inbound')) || 0);
      return replies > 0 ? `Buyer replies (${replies})` : 'No replies from the buyer';
    }
    case 'meetings': {
      const n = num(value('meetings')) || 0;
      return n > 0 ? `Meetings held (${n})` : 'No meetings yet';
    }
    case 'contacts': {
      const n = num(value('contacts_engaged')) || 0;
      return n <= 1 ? `Single-threaded (${plural(n, 'contact')})` : `${n} contacts engaged`;
    }
    case 'decision_maker_engaged':
      return value('decision_maker_engaged') === true ? 'Decision maker engaged' : 'No decision maker engaged';
    case 'budget':
      return value('budget_confirmed') === true ? 'Budget confirmed' : value('budget_confirmed') === false ? 'Budget not confirmed' : 'No budget information';
    case 'amount':
      return amountPhrase(row);
    case 'products': {
      const addOns = num(value('add_on_count')) || 0;
      return addOns > 0 ? `${plural(addOns, 'add-on product')} with ${String(value('main_product'))}` : `${String(value('main_product') ?? 'No product')} only`;
    }
    case 'owner': {
      const rate = num(value('owner_win_rate'));
      return Number.isFinite(rate) ? `Owner wins ${percent(rate)} of deals` : 'Owner has no closed deals yet';
    }
    case 'lead_engagement':
      return contribution >= 0 ? 'Strong engagement as a lead' : 'Weak engagement as a lead';
    default:
      if (group.startsWith('custom:deal.')) return dealCustomPhrase(group.slice('custom:deal.'.length), row, contribution);
      return factorPhrase(group as FactorGroup, row, contribution);
  }
}
