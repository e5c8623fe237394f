import type { ConfidenceLevel } from '@hub/contracts';
import type { FeatureRow } from '@hub/ml';
import { ENGAGEMENT_TYPES, windowFeature } from '../features/engagement-features';

/** The profile facts whose presence counts as evidence. */
const PROFILE_FACTS = ['seniority', 'is_decision_maker', 'lead_source', 'industry', 'employees'] as const;

/** Quality the rules are credited with: they are sensible, but nobody measured them on this CRM. */
export const RULES_QUALITY = 0.35;

export interface ConfidenceInputs {
  /** The features the score was computed from. */
  readonly row: FeatureRow;
  /** The held-out ROC AUC of the model that scored (null: unknown, or the rules). */
  readonly testRocAuc: number | null;
  readonly method: 'model' | 'rules';
  /** |logit(probability) − logit(base rate)|. */
  readonly distanceFromBase: number;
}

export interface Confidence {
  readonly value: number;
  readonly level: ConfidenceLevel;
  readonly parts: { quality: number; history: number; completeness: number; decisiveness: number };
}

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

/** Records of the last 90 days behind the score: engagement activities, emails, meetings. */
export function recentEvidence(row: FeatureRow): number {
  let n = 0;
  for (const type of ENGAGEMENT_TYPES) n += Number(row[windowFeature(type, 90)] ?? 0) || 0;
  for (const feature of ['emails_inbound_90d', 'emails_outbound_90d', 'meetings_held_90d']) n += Number(row[feature] ?? 0) || 0;
  return n;
}

/**
 * confidence = quality × (0.6 + 0.3 × evidence + 0.1 × decisiveness), where
 * - quality = clamp((held-out ROC AUC − 0.5) / 0.35): 0 for a coin flip, 1 from AUC 0.85; 0.35 for the rules;
 * - evidence = (history + completeness) / 2, history = 1 − e^(−n/10) for the n records of the last 90
 *   days (10 records give 0.63), completeness = share of seniority, decision maker, lead source,
 *   industry and head count that are known;
 * - decisiveness = min(1, |logit(p) − logit(base rate)| / 2): a score far from the base rate is one
 *   the evidence clearly moved.
 * Levels: high from 0.75, medium from 0.5.
 */
export function scoreConfidence(inputs: ConfidenceInputs): Confidence {
  const quality = inputs.method === 'rules' ? RULES_QUALITY : clamp01(((inputs.testRocAuc ?? 0.5) - 0.5) / 0.35);
  const history = 1 - Math.exp(-recentEvidence(inputs.row) / 10);
  const completeness = PROFILE_FACTS.filter((f) => inputs.row[f] !== null && inputs.row[f] !== undefined).length / PROFILE_FACTS.length;
  const decisiveness = Math.min(1, Math.abs(inputs.distanceFromBase) / 2);
  const value = Math.round(quality * (0.6 + 0.3 * ((history + completeness) / 2) + 0.1 * decisiveness) * 100) / 100;
  return { value, level: value >= 0.75 ? 'high' : value >= 0.5 ? 'medium' : 'low', parts: { quality, history, completeness, decisiveness } };
}
