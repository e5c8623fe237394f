import { z } from 'zod';

/** How a score was made: the trained model, or the documented rules while data is too thin. */
export type LeadScoringMethod = 'model' | 'rules';
export type ConfidenceLevel = 'low' | 'medium' | 'high';

/**
 * One reason behind a score. Contributions are in calibrated log-odds: the score's base plus every
 * factor's contribution equals logit(probability), so a waterfall chart adds up exactly.
 */
export interface LeadFactor {
  /** A plain phrase: "Decision maker role", "Budget confirmed", "No activity in 30 days". */
  label: string;
  /** Signed share of the log-odds (positive raises the score). */
  contribution: number;
  /** The factor group: `decision_maker`, `engagement`, `custom:product_fit_score`, … */
  key: string;
  /** The facts behind the phrase, e.g. `{"website_visit_30d": 4}`; shown, never used for maths. */
  evidence: Record<string, string | number | boolean | null>;
}

/** A lead's score as every surface shows it (REST, MCP, the dashboard). */
export interface LeadScore {
  contact_id: number;
  /** 0-100: the calibrated conversion probability in percent, rounded. */
  score: number;
  /** Probability of converting within the horizon (calibrated). */
  probability: number;
  /** 0-1: how much to trust the score (docs/lead-scoring.md states the formula). */
  confidence: number;
  confidence_level: ConfidenceLevel;
  /** Every factor, largest effect first; base_logit + Σ contribution = logit(probability). */
  factors: LeadFactor[];
  base_logit: number;
  recommendation: string;
  method: LeadScoringMethod;
  /** `lead-score@3` for a model, `rules@1` for the rules. */
  model_version: string;
  /** The moment the features were taken at (the data's latest time when scoring current leads). */
  as_of: string;
}

/** `POST /api/mcp/score-lead`: the seed's request. */
export const scoreLeadRequestSchema = z.object({
  contact_id: z.number({ message: 'contact_id must be an integer' }).int('contact_id must be an integer').positive('contact_id must be a positive integer')
    .max(Number.MAX_SAFE_INTEGER, 'contact_id is too large'),
  deal_id: z.number({ message: 'deal_id must be an integer' }).int('deal_id must be an integer').positive('deal_id must be a positive integer')
    .max(Number.MAX_SAFE_INTEGER, 'deal_id is too large').nullish(),
});
export type ScoreLeadRequest = z.infer<typeof scoreLeadRequestSchema>;

/**
 * The seed's answer `{score, confidence, factors, recommendation}`: `factors` are the phrases of the
 * strongest factors, as in the seed; `factor_details` carries every factor with its contribution.
 */
export interface ScoreLeadResponse {
  score: number;
  confidence: number;
  factors: string[];
  recommendation: string;
  contact_id: number;
  deal_id?: number;
  probability: number;
  percentile: number | null;
  confidence_level: ConfidenceLevel;
  factor_details: LeadFactor[];
  base_logit: number;
  method: LeadScoringMethod;
  model_version: string;
  as_of: string;
  /** When the hub computed the score. */
  scored_at: string;
  /** Present when the rules scored: why, and how far the data is from a trained model. */
  note?: string;
}

/**
 * `GET /api/leads/:contactId`: the score the hub holds for a contact, as it was stored by the last
 * scoring (a view, not a rescoring: nothing is computed, stored or audited).
 */
export type StoredLeadScoreView = Omit<ScoreLeadResponse, 'deal_id' | 'note'>;

/** A row of `GET /api/leads`. */
export interface LeadListItem {
  contact_id: number;
  name: string;
  email: string;
  company_id: number | null;
  company_name: string | null;
  owner_id: number | null;
  lifecycle_stage: string;
  score: number;
  probability: number;
  /** Share of current leads scoring strictly lower, 0-1. */
  percentile: number;
  confidence: number;
  recommendation: string;
  top_factors: string[];
  method: LeadScoringMethod;
  model_version: string;
  as_of: string;
  scored_at: string;
}

export interface LeadListPage {
  items: LeadListItem[];
  total: number;
  page: number;
  page_size: number;
}

/** Columns `GET /api/leads?sort=` orders by; `percentile` orders as `score` does (both rank the probability). */
export const LEAD_SORT_KEYS = ['score', 'percentile', 'confidence', 'name', 'company'] as const;
export type LeadSortKey = (typeof LEAD_SORT_KEYS)[number];
export type SortOrder = 'asc' | 'desc';
/** Without `order`: numbers largest first, names A to Z. */
export const defaultSortOrder = (key: LeadSortKey): SortOrder => (key === 'name' || key === 'company' ? 'asc' : 'desc');

export const LEAD_LIST_PAGE_SIZE_DEFAULT = 50;
export const LEAD_LIST_PAGE_SIZE_MAX = 500;
