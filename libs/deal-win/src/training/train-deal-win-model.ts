import type { LeadModelMetrics } from '@hub/contracts';
import { registryMetrics, trainWithoutRedundantFeatures } from '@hub/lead-scoring';
import { DEFAULT_SPLIT, splitByTime, type FeatureRow, type GbtParams, type LearnerType, type LogisticParams, type ModelArtefact } from '@hub/ml';
import { DEAL_WIN_MODEL_KIND, MIN_CLOSED_DEALS, MIN_WINS } from '../deal-win-settings';
import { dealDataSufficiency, dealSufficiencyReason, type DealDataSufficiency } from './data-sufficiency';
import { TARGET_COLUMN, TIME_COLUMN, trainingRows, type DealExample } from './training-examples';

/**
 * Learner settings for deal data (10³-10⁵ rows, ~90 features, ~1/3 won): shallow trees (a win is mostly
 * a sum of effects; depth 3 lets stage and activity depend on the deal's age), a small learning rate, row
 * and feature subsampling against the many weak engagement columns; a spline logistic so counts can bend.
 */
export const DEAL_GBT_PARAMS: Partial<GbtParams> = {
  numTrees: 800, learningRate: 0.05, maxDepth: 3, minSamplesLeaf: 30, subsample: 0.8, featureFraction: 0.7, earlyStoppingRounds: 40,
};
export const DEAL_LOGISTIC_PARAMS: Partial<LogisticParams> = { numericBasis: 'spline', splineKnots: 4, l2: 5 };

/** Registry metrics: the same shape as the lead model's. */
export type DealWinModelMetrics = LeadModelMetrics;

export interface TrainDealWinOptions {
  readonly trainedAt?: string;
  readonly learners?: readonly LearnerType[];
  readonly gbt?: Partial<GbtParams>;
  readonly logistic?: Partial<LogisticParams>;
  readonly minWins?: number;
  readonly minClosedDeals?: number;
}

export interface TrainedDealWinModel {
  readonly artefact: ModelArtefact;
  readonly metrics: DealWinModelMetrics;
  readonly sufficiency: DealDataSufficiency;
  readonly params: { gbt: Partial<GbtParams>; logistic: Partial<LogisticParams>; learners: readonly LearnerType[] };
  /** Source features the encoder kept. */
  readonly features: string[];
  /** Deals all of whose rows are in the held-out test split (the newest deals), for reports and tests. */
  readonly testDealIds: number[];
  /** Oldest and newest first-sample moment of the examples. */
  readonly window: { from: string | null; to: string | null };
  readonly rows: { deals: number; examples: number };
}

export class InsufficientDealDataError extends Error {
  constructor(readonly sufficiency: DealDataSufficiency) {
    super(`Not enough data to train a deal-win model: ${dealSufficiencyReason(sufficiency)}.`);
  }
}

/**
 * Trains, calibrates and evaluates a deal-win model with `@hub/ml`, split by time on each deal's first
 * sample moment: the oldest deals fit the learners, the next ones choose between trees and logistic
 * regression and fit the calibrator, and the newest deals (which no step saw) give the metrics.
 */
export function trainDealWinModel(examples: readonly DealExample[], options: TrainDealWinOptions = {}): TrainedDealWinModel {
  const outcomes = new Map<number, boolean>();
  for (const e of examples) outcomes.set(e.dealId, e.won);
  const wins = [...outcomes.values()].filter(Boolean).length;
  const sufficiency = dealDataSufficiency(outcomes.size, wins, options.minWins ?? MIN_WINS, options.minClosedDeals ?? MIN_CLOSED_DEALS);
  if (!sufficiency.sufficient) throw new InsufficientDealDataError(sufficiency);
  const gbt = { ...DEAL_GBT_PARAMS, ...options.gbt };
  const logistic = { ...DEAL_LOGISTIC_PARAMS, ...options.logistic };
  const learners = options.learners ?? (['gbt', 'logistic'] as const);
  const rows = trainingRows(examples);
  // Deployed on the newest labelled deals (calibration and test rows): a deal model's level is what a
  // forecast's money rides on, and its error, weighted by amount, travels with it (metrics.deployedCalibration).
  const artefact = trainWithoutRedundantFeatures(rows, {
    kind: DEAL_WIN_MODEL_KIND, target: TARGET_COLUMN, timeColumn: TIME_COLUMN, learners, gbt, logistic, trainedAt: options.trainedAt,
    recalibrateOn: 'held-out', levelWeight: { name: 'amount_eur', of: amountOfRow },
  });
  const { metrics } = artefact;
  // The same stable sort as trainModel's split, so these are exactly its test rows; a deal whose rows
  // straddle the cut is not reported as held out.
  const split = splitByTime(examples.map((e) => ({ [TIME_COLUMN]: e.firstAt, id: e.dealId })), TIME_COLUMN, DEFAULT_SPLIT);
  const notTest = new Set([...split.train, ...split.calibration].map((row) => row.id));
  return {
    artefact,
    sufficiency,
    params: { gbt, logistic, learners },
    features: artefact.featureEncoder.features.map((f) => f.name),
    testDealIds: [...new Set(split.test.map((row) => row.id))].filter((id) => !notTest.has(id)),
    window: { from: metrics.split.train.from, to: metrics.split.test.to },
    rows: { deals: outcomes.size, examples: examples.length },
    metrics: registryMetrics(artefact),
  };
}

/** A training row's amount in EUR (from its `amount_eur_ln` feature; 0 when unknown). */
function amountOfRow(row: FeatureRow): number {
  const ln = row['amount_eur_ln'];
  return typeof ln === 'number' && Number.isFinite(ln) ? Math.exp(ln) : 0;
}
