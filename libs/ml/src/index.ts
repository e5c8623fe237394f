// Dataset
export * from './dataset/feature-matrix';
export * from './dataset/feature-encoder';
export { encodeRows, numericValue, booleanValue } from './dataset/encode-rows';
export { createSeededRandom, type SeededRandom } from './random/seeded-random';
export { sigmoid, logit, clipProbability, PROBABILITY_CLIP } from './math/logistic-functions';
export { countBelow } from './math/sorted-search';

// Gradient-boosted trees
export { DEFAULT_GBT_PARAMS, predictGbtMargins, type GbtModel, type GbtParams } from './gbt/gbt-model';
export { trainGbt, type GbtTrainingOptions, type GbtTrainingResult, type LabelledMatrix } from './gbt/train-gbt';
export { gbtContributions, gbtExpectedMargin, type TreeContributions } from './gbt/tree-shap';
export type { RegressionTree } from './gbt/regression-tree';

// Logistic regression
export {
  DEFAULT_LOGISTIC_PARAMS,
  logisticContributions,
  predictLogisticMargins,
  trainLogistic,
  type LogisticContributions,
  type LogisticModel,
  type LogisticParams,
} from './logistic/logistic-model';
export type { DesignBasis, NumericBasis } from './logistic/design-basis';

// Calibration
export { fitPlatt, applyPlatt, type PlattCalibrator } from './calibration/platt-scaling';
export { fitIsotonic, applyIsotonic, type IsotonicCalibrator } from './calibration/isotonic-regression';
export {
  calibratedLogit,
  calibratedProbability,
  calibrateMargins,
  fitCalibrator,
  type CalibrationMethod,
  type Calibrator,
  type IdentityCalibrator,
} from './calibration/calibrator';
export { calibrateContributions, type CalibratedContributions } from './calibration/calibrated-contributions';
export { levelStandardError } from './calibration/level-standard-error';

// Metrics
export { rocAuc, averagePrecision, liftAtTop, baseRate } from './metrics/ranking-metrics';
export { logLoss, brierScore } from './metrics/probability-metrics';
export {
  calibrationTable,
  expectedCalibrationError,
  type BinningStrategy,
  type CalibrationBin,
  type CalibrationOptions,
} from './metrics/calibration-metrics';
export { evaluateBinary, type BinaryMetrics } from './metrics/evaluate-binary';

// Pipeline
export { splitByTime, timeOf, DEFAULT_SPLIT, type SplitProportions, type TimeSplit } from './pipeline/time-split';
export { learnerMargins, learnerContributions, type Learner, type LearnerType } from './pipeline/learner';
export { trainModel, labelsOf, type TrainModelOptions } from './pipeline/train-model';
export {
  predict, explain, explainMany, explainManyBySource, explanationSources, type Explanation, type FeatureContribution, type SourceExplanation,
} from './pipeline/score-model';
export {
  ARTEFACT_VERSION,
  type CandidateReport,
  type ModelArtefact,
  type ModelMetrics,
  type SplitReport,
} from './pipeline/model-artefact';
export { artefactToJSON, artefactFromJSON, serializeArtefact, parseArtefact } from './pipeline/artefact-json';
export type { ModelArtefactJson } from './pipeline/artefact-schema';
