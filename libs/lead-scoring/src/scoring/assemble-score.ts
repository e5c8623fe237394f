import type { LeadFactor, LeadScore, LeadScoringMethod } from '@hub/contracts';
import { logit, sigmoid, type FeatureRow, type FeatureValue } from '@hub/ml';
import { COMPANY_CUSTOM_PREFIX, CONTACT_CUSTOM_PREFIX } from '../features/profile-features';
import { scoreConfidence } from './confidence';
import { GROUP_EVIDENCE, type FactorGroup } from './factor-groups';
import { factorPhrase } from './factor-phrases';
import { recommend, scoreBand } from './recommendation';

export interface ScoreParts {
  readonly contactId: number;
  readonly row: FeatureRow;
  /** Log-odds before any factor. */
  readonly baseLogit: number;
  /** Summed log-odds per factor group; base + Σ = logit(probability). */
  readonly contributions: ReadonlyMap<FactorGroup, number>;
  readonly method: LeadScoringMethod;
  readonly modelVersion: string;
  /** The population's conversion rate the bands and decisiveness are measured against. */
  readonly baseRate: number;
  readonly testRocAuc: number | null;
  /** The moment the features were taken at. */
  readonly asOf: number;
}

function shown(value: FeatureValue): string | number | boolean | null {
  if (value === undefined || value === null) return null;
  return value instanceof Date ? value.toISOString() : value;
}

/** The features shown as each group's evidence, remembered: the same few dozen groups come back for every lead. */
const evidenceFeatures = new Map<FactorGroup, readonly string[]>();
function evidenceFeaturesOf(group: FactorGroup): readonly string[] {
  let features = evidenceFeatures.get(group);
  if (features === undefined) {
    features = GROUP_EVIDENCE[group] ?? (group.startsWith('custom:company.')
      ? [COMPANY_CUSTOM_PREFIX + group.slice('custom:company.'.length)]
      : group.startsWith('custom:') ? [CONTACT_CUSTOM_PREFIX + group.slice('custom:'.length)] : []);
    if (evidenceFeatures.size < 10_000) evidenceFeatures.set(group, features);
  }
  return features;
}

function evidenceOf(group: FactorGroup, row: FeatureRow): LeadFactor['evidence'] {
  const evidence: LeadFactor['evidence'] = {};
  for (const f of evidenceFeaturesOf(group)) evidence[f] = shown(row[f]);
  return evidence;
}

/** Factors, probability, score, confidence and recommendation from the summed contributions. */
export function assembleScore(parts: ScoreParts): LeadScore {
  let total = parts.baseLogit;
  const factors: LeadFactor[] = [];
  for (const [group, contribution] of parts.contributions) {
    total += contribution;
    // Features the model never used contribute exactly nothing; they are not reasons.
    if (contribution === 0) continue;
    factors.push({ label: factorPhrase(group, parts.row, contribution), contribution, key: group, evidence: evidenceOf(group, parts.row) });
  }
  factors.sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution));
  const probability = sigmoid(total);
  const confidence = scoreConfidence({
    row: parts.row,
    method: parts.method,
    testRocAuc: parts.testRocAuc,
    distanceFromBase: total - logit(parts.baseRate),
  });
  return {
    contact_id: parts.contactId,
    score: Math.round(probability * 100),
    probability,
    confidence: confidence.value,
    confidence_level: confidence.level,
    factors,
    base_logit: parts.baseLogit,
    recommendation: recommend(scoreBand(probability, parts.baseRate), parts.row, factors),
    method: parts.method,
    model_version: parts.modelVersion,
    as_of: new Date(parts.asOf).toISOString(),
  };
}
