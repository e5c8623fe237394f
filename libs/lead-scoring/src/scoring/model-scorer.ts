import type { LeadScore } from '@hub/contracts';
import { explainManyBySource, explanationSources, type FeatureRow, type ModelArtefact, type SourceExplanation } from '@hub/ml';
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

/** Each explained source feature's factor group, per artefact (its features never change). */
const sourceGroups = new WeakMap<ModelArtefact, readonly FactorGroup[]>();
function sourceGroupsOf(artefact: ModelArtefact): readonly FactorGroup[] {
  let known = sourceGroups.get(artefact);
  if (!known) {
    known = explanationSources(artefact).map(groupOf);
    sourceGroups.set(artefact, known);
  }
  return known;
}

/** Scores a feature row: exact TreeSHAP / logistic contributions, summed per factor group. */
export function scoreFeatureRow(model: LeadModel, contactId: number, row: FeatureRow, at: number): LeadScore {
  return scoreFeatureRows(model, [{ contactId, row }], at)[0]!;
}

/** `scoreFeatureRow` for many leads at once (one encoding and prediction pass): for batch rescoring. */
export function scoreFeatureRows(model: LeadModel, leads: readonly { contactId: number; row: FeatureRow }[], at: number): LeadScore[] {
  const explanations = explainManyBySource(model.artefact, leads.map((lead) => lead.row));
  const groups = sourceGroupsOf(model.artefact);
  return leads.map((lead, i) => scoreExplained(model, lead.contactId, lead.row, explanations[i]!, groups, at));
}

function scoreExplained(
  model: LeadModel, contactId: number, row: FeatureRow, explanation: SourceExplanation, groups: readonly FactorGroup[], at: number,
): LeadScore {
  // Summed straight from the numbers: no object per feature.
  const contributions = new Map<FactorGroup, number>();
  const values = explanation.contributions;
  for (let k = 0; k < values.length; k++) {
    const group = k < groups.length ? groups[k]! : groupOf(explanation.extraNames[k - groups.length]!);
    contributions.set(group, (contributions.get(group) ?? 0) + values[k]!);
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
