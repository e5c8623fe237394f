import type { RecordType } from '@hub/contracts';
import type { DemoSize } from './demo-options';
import type { ActionItem } from './text/action-items';
import type { EmailCategory, EmailSentiment } from './text/email-templates';

/** One bundle line: `{"type": "contact", "data": {...}}` (see /work/shared/crm-model.md). */
export interface BundleRecord {
  type: RecordType;
  data: Record<string, unknown>;
}

/**
 * A lead's truth. p_convert is the probability the generator used, computed only from what the bundle
 * shows at scored_at. `converted` is what the bundle shows at asOf; when `outcome_known` is false the
 * horizon had not passed by asOf, so a `false` there may still turn true.
 */
export interface LeadTruth {
  contact_id: number;
  scored_at: string;
  p_convert: number;
  converted: boolean;
  converted_at?: string;
  outcome_known: boolean;
}

export interface DealTruth {
  deal_id: number;
  scored_at: string;
  p_win: number;
  /** Closed won by asOf. */
  won: boolean;
  /** The deal was closed (won or lost) by asOf. */
  outcome_known: boolean;
}

export interface ChurnTruth {
  company_id: number;
  scored_at: string;
  p_churn: number;
  /** Every subscription ended within the horizon, as seen at asOf. */
  churned: boolean;
  churned_at?: string;
  outcome_known: boolean;
}

export interface EmailTruth {
  email_id: number;
  category: EmailCategory;
  sentiment: EmailSentiment;
}

export interface MeetingTruth {
  meeting_id: number;
  action_items: ActionItem[];
}

export interface DemoTruth {
  version: 1;
  seed: number;
  size: DemoSize;
  asOf: string;
  /** Machine-readable description of how each outcome was drawn: coefficients, scoring moments, horizons. */
  signal: Record<string, unknown>;
  leads: LeadTruth[];
  deals: DealTruth[];
  churn: ChurnTruth[];
  emails: EmailTruth[];
  meetings: MeetingTruth[];
  /** Records emitted so far, by type. */
  counts: Partial<Record<RecordType, number>>;
}
