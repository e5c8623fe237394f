import { z } from 'zod';
import type { LeadFactor } from '../lead-scoring/lead-scores';
import type { RecordRef } from '../auth/access-tokens';

export interface EmbedCompany {
  id: number;
  name: string;
  domain: string | null;
  industry: string | null;
  employees: number | null;
  annual_revenue: number | null;
  country: string | null;
}

export interface EmbedContact {
  id: number;
  name: string;
  email: string;
  phone: string | null;
  title: string | null;
  seniority: string | null;
  is_decision_maker: boolean | null;
  lead_source: string | null;
  lifecycle_stage: string;
  created_at: string;
}

export interface EmbedDeal {
  id: number;
  name: string;
  amount: number;
  currency: string;
  stage: string;
  expected_close_date: string | null;
  budget_confirmed: boolean | null;
  contact_id: number | null;
  company_id: number | null;
  created_at: string;
  closed_at: string | null;
}

export interface EmbedActivity {
  id: number;
  type: string;
  occurred_at: string;
  contact_id: number | null;
  deal_id: number | null;
}

/** The stored (or freshly computed) lead score of the record's contact, with its reasons. */
export interface EmbedLeadScore {
  contact_id: number;
  score: number;
  probability: number;
  confidence_level: string;
  recommendation: string;
  /** Largest effect first; contributions in log-odds (positive raises the score). */
  factors: LeadFactor[];
  method: string;
  model_version: string;
  scored_at: string | null;
}

/** `GET /api/embed/context`: the facts the panel shows and answers from. */
export interface EmbedContext {
  record: RecordRef;
  /** The contact: the record itself, or a deal's main contact; null on a company. */
  contact: EmbedContact | null;
  company: EmbedCompany | null;
  /** The deal the panel sits on (any stage); null unless the record is a deal. */
  deal: EmbedDeal | null;
  /** Open deals of the contact (or of the company on a company), newest first, at most 10. */
  open_deals: EmbedDeal[];
  open_deals_total: number;
  /** Latest activities first, at most 10. */
  recent_activities: EmbedActivity[];
  /** Contacts at the company (the company panel's headcount in the CRM). */
  company_contacts_total: number | null;
  lead_score: EmbedLeadScore | null;
  /** Why there is no score, when there is none. */
  lead_score_note: string | null;
}

/** `POST /api/embed/ask`. */
export const embedAskRequestSchema = z.strictObject({
  question: z.string({ message: 'must be text' }).trim().min(1, 'must not be empty').max(500, 'must be at most 500 characters'),
  contact_id: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
  deal_id: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
  company_id: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
});
export type EmbedAskRequest = z.infer<typeof embedAskRequestSchema>;

export const EMBED_INTENTS = ['score', 'deals', 'last_activity', 'company', 'next_step', 'help'] as const;
export type EmbedIntent = (typeof EMBED_INTENTS)[number];

/**
 * The answer streams as NDJSON (`application/x-ndjson`), one of these a line: `start` first, then
 * `delta`s to append in order, then `done` (or `error` if the answer could not be finished).
 */
export type EmbedAnswerChunk =
  | { type: 'start'; intent: EmbedIntent; record: RecordRef }
  | { type: 'delta'; text: string }
  | { type: 'done' }
  | { type: 'error'; message: string };
