import type { DataSufficiency, LeadModelMetrics } from '@hub/contracts';
import { DEFAULT_SPLIT, splitByTime, type GbtParams, type LearnerType, type LogisticParams, type ModelArtefact } from '@hub/ml';
import { LEAD_MODEL_KIND, MIN_CONVERSIONS } from '../lead-scoring-settings';
import { dataSufficiency, sufficiencyReason } from './data-sufficiency';
import { registryMetrics, trainWithoutRedundantFeatures } from './registered-training';
import { TARGET_COLUMN, TIME_COLUMN, trainingRows, type LeadExample } from './training-examples';

/**
 * Learner settings for lead data (10³-10⁵ rows, ~80 features, 10-20% positives): shallow trees
 * (conversion is mostly a sum of effects; depth 2 still lets pairs interact), a small learning rate,
 * row and feature subsampling against the many weak engagement columns, and a leaf floor that keeps
 * rare custom levels from getting leaves of their own; a spline logistic so that counts can bend (the
 * first visits say more than the tenth). Chosen on demo data (seeds 1, 3, 7, 42, medium).
 */
export const LEAD_GBT_PARAMS: Partial<GbtParams> = {
  numTrees: 800, learningRate: 0.05, maxDepth: 2, minSamplesLeaf: 30, subsample: 0.8, featureFraction: 0.7, earlyStoppingRounds: 40,
};
export const LEAD_LOGISTIC_PARAMS: Partial<LogisticParams> = { numericBasis: 'spline', splineKnots: 4, l2: 5 };

export interface TrainLeadModelOptions {
  readonly trainedAt?: string;
  readonly learners?: readonly LearnerType[];
  readonly gbt?: Partial<GbtParams>;
  readonly logistic?: Partial<LogisticParams>;
  readonly minConversions?: number;
}

export interface TrainedLeadModel {
  readonly artefact: ModelArtefact;
  readonly metrics: LeadModelMetrics;
  readonly sufficiency: DataSufficiency;
  readonly params: { gbt: Partial<GbtParams>; logistic: Partial<LogisticParams>; learners: readonly LearnerType[] };
  /** Source features the encoder kept. */
  readonly features: string[];
  /** Contacts of the held-out test split (the newest labelled leads), for reports and tests. */
  readonly testContactIds: number[];
  readonly window: { from: string | null; to: string | null };
}

export class InsufficientLeadDataError extends Error {
  constructor(readonly sufficiency: DataSufficiency) {
    super(`Not enough data to train a lead model: ${sufficiencyReason(sufficiency)}.`);
  }
}

/**
 * Trains, calibrates and evaluates a lead model with `@hub/ml`: oldest leads fit the learners, the
 * next ones choose between trees and logistic regression and fit the calibrator, and the newest
 * labelled leads (which no step saw) give the metrics.
 */
export function trainLeadModel(examples: readonly LeadExample[], options: TrainLeadModelOptions = {}): TrainedLeadModel {
  const conversions = examples.filter((e) => e.converted).length;
  const sufficiency = dataSufficiency(examples.length, conversions, options.minConversions ?? MIN_CONVERSIONS);
  if (!sufficiency.sufficient) throw new InsufficientLeadDataError(sufficiency);
  const gbt = { ...LEAD_GBT_PARAMS, ...options.gbt };
  const logistic = { ...LEAD_LOGISTIC_PARAMS, ...options.logistic };
  const learners = options.learners ?? (['gbt', 'logistic'] as const);
  const rows = trainingRows(examples);
  const artefact = trainWithoutRedundantFeatures(rows, {
    kind: LEAD_MODEL_KIND, target: TARGET_COLUMN, timeColumn: TIME_COLUMN, learners, gbt, logistic, trainedAt: options.trainedAt,
  });
  const { metrics } = artefact;
  // The same stable sort by cut-off as trainModel's split, so these are exactly its test rows.
  const split = splitByTime(examples.map((e) => ({ cutoff: e.cutoff, id: e.contactId })), TIME_COLUMN, DEFAULT_SPLIT);
  return {
    artefact,
    sufficiency,
    params: { gbt, logistic, learners },
    features: artefact.featureEncoder.features.map((f) => f.name),
    testContactIds: split.test.map((row) => row.id),
    window: { from: metrics.split.train.from, to: metrics.split.test.to },
    metrics: registryMetrics(artefact),
  };
}
