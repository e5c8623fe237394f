import type { LeadScore } from '@hub/contracts';
import { type Explanation, explain, explainMany, type FeatureRow, type ModelArtefact } from '@hub/ml';
import { extractLeadFeatures, type LeadFeatureOptions } from '../features/lead-features';
import type { LeadSnapshot } from '../snapshot/lead-snapshot';
import { assembleScore } from './assemble-score';
import { factorGroupOf, type FactorGroup } from './factor-groups';

/** A trained lead model as the scorer needs it: the artefact and its registry label. */
export interface LeadModel {
  readonly artefact: ModelArtefact;
  /** `lead-score@3`. */
  readonly version: string;
}

/** The recent conversion rate the model was calibrated on (its calibration split), else the training rate. */
export function modelBaseRate(artefact: ModelArtefact): number {
  const { calibration, train } = artefact.metrics.split;
  return calibration.baseRate ?? train.baseRate ?? 0.1;
}

/** Feature → factor group, remembered: the same few dozen names come back for every lead. */
const groups = new Map<string, FactorGroup>();
function groupOf(feature: string): FactorGroup {
  let group = groups.get(feature);
  if (group === undefined) {
    group = factorGroupOf(feature);
    if (groups.size < 10_000) groups.set(feature, group);
  }
  return group;
}

/** Scores a feature row: exact TreeSHAP / logistic contributions, summed per factor group. */
export function scoreFeatureRow(model: LeadModel, contactId: number, row: FeatureRow, at: number): LeadScore {
  return scoreExplained(model, contactId, row, explain(model.artefact, row), at);
}

/** `scoreFeatureRow` for many leads at once (one encoding and prediction pass): for batch rescoring. */
export function scoreFeatureRows(model: LeadModel, leads: readonly { contactId: number; row: FeatureRow }[], at: number): LeadScore[] {
  const explanations = explainMany(model.artefact, leads.map((lead) => lead.row));
  return leads.map((lead, i) => scoreExplained(model, lead.contactId, lead.row, explanations[i]!, at));
}

function scoreExplained(model: LeadModel, contactId: number, row: FeatureRow, explanation: Explanation, at: number): LeadScore {
  const contributions = new Map<FactorGroup, number>();
  for (const { feature, contribution } of explanation.contributions) {
    const group = groupOf(feature);
    contributions.set(group, (contributions.get(group) ?? 0) + contribution);
  }
  return assembleScore({
    contactId,
    row,
    baseLogit: explanation.bias,
    contributions,
    method: 'model',
    modelVersion: model.version,
    baseRate: modelBaseRate(model.artefact),
    testRocAuc: model.artefact.metrics.test.rocAuc,
    asOf: at,
  });
}

/** Scores a lead as it stands at `at` (epoch ms) with a trained model. */
export function scoreLeadWithModel(model: LeadModel, snapshot: LeadSnapshot, at: number, options: LeadFeatureOptions = {}): LeadScore {
  return scoreFeatureRow(model, snapshot.contact.id, extractLeadFeatures(snapshot, at, options), at);
}
