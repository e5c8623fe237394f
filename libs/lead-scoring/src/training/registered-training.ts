import type { LeadModelMetrics } from '@hub/contracts';
import {
  DEFAULT_SPLIT, splitByTime, trainModel, type FeatureRow, type TrainModelOptions, type GbtParams, type LearnerType, type LogisticParams, type ModelArtefact,
} from '@hub/ml';
import { redundantFeatures } from './redundant-features';

export interface RegisteredTrainingOptions {
  readonly kind: string;
  readonly target: string;
  readonly timeColumn: string;
  readonly learners: readonly LearnerType[];
  readonly gbt: Partial<GbtParams>;
  readonly logistic: Partial<LogisticParams>;
  readonly trainedAt?: string;
  /** See `TrainModelOptions`: where the deployed calibrator is fitted, and weights for its level's error. */
  readonly recalibrateOn?: TrainModelOptions['recalibrateOn'];
  readonly levelWeight?: TrainModelOptions['levelWeight'];
}

/**
 * The training step every registered model shares (leads, deals): drop features redundant with
 * others, decided on the oldest rows only (the ones the learners fit on), like every other training
 * choice; then `@hub/ml`'s time-split training, selection and calibration.
 */
export function trainWithoutRedundantFeatures(rows: readonly FeatureRow[], options: RegisteredTrainingOptions): ModelArtefact {
  const { kind, target, timeColumn, learners, gbt, logistic, trainedAt, recalibrateOn, levelWeight } = options;
  const redundant = redundantFeatures(splitByTime(rows, timeColumn, DEFAULT_SPLIT).train, [timeColumn, target]);
  return trainModel(rows, {
    kind, encoder: { exclude: redundant }, target, timeColumn, learners, gbt, logistic, recalibrateOn, levelWeight, ...(trainedAt ? { trainedAt } : {}),
  });
}

/** The registry's view of an artefact's held-out metrics (`model_versions.metrics`). */
export function registryMetrics(artefact: ModelArtefact): LeadModelMetrics {
  const { metrics } = artefact;
  return {
    learner: metrics.chosenLearner,
    calibration: metrics.calibrationMethod,
    test: { ...metrics.test, calibration: metrics.test.calibration.map((bin) => ({ ...bin })) },
    validation: metrics.candidates.map((c) => ({ learner: c.learner, log_loss: c.validationLogLoss, roc_auc: c.validationRocAuc })),
    rows: { train: metrics.split.train.rows, calibration: metrics.split.calibration.rows, test: metrics.split.test.rows },
  };
}
