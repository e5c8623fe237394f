import type { Calibrator } from '../calibration/calibrator';
import type { FeatureEncoder } from '../dataset/feature-encoder';
import type { BinaryMetrics } from '../metrics/evaluate-binary';
import type { Learner, LearnerType } from './learner';

/** Format version of the artefact; bump when a field changes meaning so old artefacts are rejected, not misread. */
export const ARTEFACT_VERSION = 1;

export interface CandidateReport {
  readonly learner: LearnerType;
  readonly validationLogLoss: number;
  readonly validationRocAuc: number | null;
  /** GBT only: trees kept by early stopping. */
  readonly trees?: number;
}

export interface SplitReport {
  readonly rows: number;
  /** ISO times of the oldest and newest row; null for an empty split. */
  readonly from: string | null;
  readonly to: string | null;
  readonly baseRate: number | null;
}

export interface ModelMetrics {
  readonly chosenLearner: LearnerType;
  readonly candidates: readonly CandidateReport[];
  readonly calibrationMethod: Calibrator['type'];
  readonly split: {
    /** The train split as a whole; `fit` and `validation` are its older and newer parts. */
    readonly train: SplitReport;
    readonly fit: SplitReport;
    readonly validation: SplitReport;
    readonly calibration: SplitReport;
    readonly test: SplitReport;
  };
  /** Calibrated probabilities on the test split. */
  readonly test: BinaryMetrics;
  /** The learner's own probabilities on the test split, before calibration. */
  readonly testUncalibrated: { readonly logLoss: number | null; readonly rocAuc: number | null };
  /**
   * The deployed calibrator: the rows it was fitted on (`calibration`, or `held-out` = calibration and
   * test rows, refitted after the test metrics were taken) and how precisely that fixes the level
   * (`levelStandardError`, log-odds, optionally weighted, e.g. by deal amount). Absent in older artefacts.
   */
  readonly deployedCalibration?: {
    readonly fittedOn: 'calibration' | 'held-out';
    readonly rows: number;
    readonly levelStandardError: number | null;
    readonly levelWeightedBy: string | null;
  };
}

/** Everything needed to score and explain: plain data, serialisable with `artefactToJSON`. */
export interface ModelArtefact {
  /** What the model predicts, e.g. `lead-conversion`, `deal-win`, `churn`. */
  readonly kind: string;
  readonly version: typeof ARTEFACT_VERSION;
  readonly featureEncoder: FeatureEncoder;
  readonly learner: Learner;
  readonly calibrator: Calibrator;
  /**
   * When `calibrator` was refitted on the calibration and test rows together, the calibrator fitted on
   * the calibration split alone: the one the test metrics were measured with (accuracy checks use it,
   * so that they judge a model that never saw its test rows).
   */
  readonly evaluatedCalibrator?: Calibrator;
  readonly metrics: ModelMetrics;
  readonly trainedAt?: string;
}
