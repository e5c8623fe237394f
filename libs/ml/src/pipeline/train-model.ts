import { calibrateMargins, fitCalibrator, type CalibrationMethod, type Calibrator } from '../calibration/calibrator';
import { levelStandardError } from '../calibration/level-standard-error';
import { booleanValue, encodeRows } from '../dataset/encode-rows';
import { fitFeatureEncoder, type FeatureEncoderOptions, type FeatureRow } from '../dataset/feature-encoder';
import type { MatrixPrecision } from '../dataset/feature-matrix';
import type { GbtParams } from '../gbt/gbt-model';
import { trainGbt } from '../gbt/train-gbt';
import { trainLogistic, type LogisticParams } from '../logistic/logistic-model';
import { meanMarginLogLoss, sigmoid } from '../math/logistic-functions';
import { evaluateBinary } from '../metrics/evaluate-binary';
import { logLoss } from '../metrics/probability-metrics';
import { baseRate, rocAuc } from '../metrics/ranking-metrics';
import { learnerMargins, type Learner, type LearnerType } from './learner';
import { ARTEFACT_VERSION, type CandidateReport, type ModelArtefact, type ModelMetrics, type SplitReport } from './model-artefact';
import { DEFAULT_SPLIT, splitByTime, timeOf, type SplitProportions } from './time-split';

export interface TrainModelOptions {
  /** What the model predicts, stored in the artefact (e.g. `deal-win`). */
  readonly kind: string;
  /** Column holding the outcome: 0/1, true/false or their usual spellings. */
  readonly target: string;
  /** Column holding the row's time (Date, epoch ms or date string); never used as a feature. */
  readonly timeColumn: string;
  readonly split?: SplitProportions;
  /** Newest share of the train split held out for early stopping and choosing the learner (default 0.2). */
  readonly validationFraction?: number;
  /** Encoder options; target and time column are always excluded. */
  readonly encoder?: FeatureEncoderOptions;
  readonly learners?: readonly LearnerType[];
  readonly gbt?: Partial<GbtParams>;
  readonly logistic?: Partial<LogisticParams>;
  /** Default `auto`: Platt or isotonic by cross-validated log loss on the calibration split. */
  readonly calibration?: CalibrationMethod;
  /**
   * Rows the deployed calibrator is fitted on. `calibration` (default): the calibration split, the one
   * the test metrics judge. `held-out`: after the test metrics are taken, refit (same method) on the
   * calibration and test rows together, the newest labelled rows, so the deployed level is twice as
   * well pinned down and as recent as the data allows; the metrics' calibrator stays in the artefact
   * as `evaluatedCalibrator`.
   */
  readonly recalibrateOn?: 'calibration' | 'held-out';
  /** Weights for the deployed level's standard error (e.g. a deal's amount), with their name. */
  readonly levelWeight?: { readonly name: string; readonly of: (row: FeatureRow) => number };
  /** Stored as given: the library reads no clock. */
  readonly trainedAt?: string;
  readonly precision?: MatrixPrecision;
}

export function labelsOf(rows: readonly FeatureRow[], target: string): Uint8Array {
  return Uint8Array.from(rows, (row, i) => {
    const y = booleanValue(row[target]);
    if (Number.isNaN(y)) throw new RangeError(`row ${i} has no 0/1 outcome in "${target}": ${String(row[target])}`);
    return y;
  });
}

function splitReport(rows: readonly FeatureRow[], labels: Uint8Array, timeColumn: string): SplitReport {
  const iso = (row: FeatureRow | undefined): string | null => (row ? new Date(timeOf(row[timeColumn])).toISOString() : null);
  const rate = baseRate(labels);
  return { rows: rows.length, from: iso(rows[0]), to: iso(rows[rows.length - 1]), baseRate: Number.isFinite(rate) ? rate : null };
}

const nullIfNaN = (v: number): number | null => (Number.isFinite(v) ? v : null);

/**
 * Time-ordered training: encoder and learners see only the oldest rows, the learner is chosen on
 * the newest part of those, the calibrator is fitted on the next period and the metrics come from
 * the newest period, which no step has seen.
 */
export function trainModel(rows: readonly FeatureRow[], options: TrainModelOptions): ModelArtefact {
  const { target, timeColumn } = options;
  const split = splitByTime(rows, timeColumn, options.split ?? DEFAULT_SPLIT);
  const validationFraction = options.validationFraction ?? 0.2;
  const fitEnd = Math.round(split.train.length * (1 - validationFraction));
  const fitRows = split.train.slice(0, fitEnd);
  const validationRows = split.train.slice(fitEnd);
  if (fitRows.length === 0 || validationRows.length === 0 || split.calibration.length === 0 || split.test.length === 0) {
    throw new RangeError(`too few rows (${rows.length}) for fit / validation / calibration / test splits`);
  }

  const encoder = fitFeatureEncoder(split.train, { ...options.encoder, exclude: [...(options.encoder?.exclude ?? []), target, timeColumn] });
  const encode = (part: readonly FeatureRow[]) => encodeRows(encoder, part, options.precision);
  const fit = { matrix: encode(fitRows), labels: labelsOf(fitRows, target) };
  const validation = { matrix: encode(validationRows), labels: labelsOf(validationRows, target) };

  const candidates: { learner: Learner; report: CandidateReport }[] = [];
  for (const type of options.learners ?? (['gbt', 'logistic'] as const)) {
    let learner: Learner;
    if (type === 'gbt') learner = trainGbt(fit.matrix, fit.labels, { params: options.gbt, validation }).model;
    else learner = trainLogistic(fit.matrix, fit.labels, options.logistic);
    const margins = learnerMargins(learner, validation.matrix);
    candidates.push({
      learner,
      report: {
        learner: type,
        validationLogLoss: meanMarginLogLoss(validation.labels, margins),
        validationRocAuc: nullIfNaN(rocAuc(validation.labels, margins)),
        ...(learner.type === 'gbt' ? { trees: learner.trees.length } : {}),
      },
    });
  }
  if (candidates.length === 0) throw new RangeError('no learners to train');
  const chosen = candidates.reduce((best, c) => (c.report.validationLogLoss < best.report.validationLogLoss ? c : best));

  const calibrationLabels = labelsOf(split.calibration, target);
  const calibrationMargins = learnerMargins(chosen.learner, encode(split.calibration));
  const calibrator = fitCalibrator(options.calibration ?? 'auto', calibrationMargins, calibrationLabels);

  const testLabels = labelsOf(split.test, target);
  const testMargins = learnerMargins(chosen.learner, encode(split.test));
  const rawProbabilities = testMargins.map(sigmoid);
  const deployed = deployedCalibrator(calibrator, options, {
    rows: split.calibration, margins: calibrationMargins, labels: calibrationLabels,
  }, { rows: split.test, margins: testMargins, labels: testLabels });
  return {
    kind: options.kind,
    version: ARTEFACT_VERSION,
    featureEncoder: encoder,
    learner: chosen.learner,
    calibrator: deployed.calibrator,
    ...(deployed.calibrator === calibrator ? {} : { evaluatedCalibrator: calibrator }),
    metrics: {
      chosenLearner: chosen.learner.type,
      candidates: candidates.map((c) => c.report),
      calibrationMethod: calibrator.type,
      split: {
        train: splitReport(split.train, labelsOf(split.train, target), timeColumn),
        fit: splitReport(fitRows, fit.labels, timeColumn),
        validation: splitReport(validationRows, validation.labels, timeColumn),
        calibration: splitReport(split.calibration, calibrationLabels, timeColumn),
        test: splitReport(split.test, testLabels, timeColumn),
      },
      test: evaluateBinary(testLabels, calibrateMargins(calibrator, testMargins)),
      testUncalibrated: {
        logLoss: nullIfNaN(logLoss(testLabels, rawProbabilities)),
        rocAuc: nullIfNaN(rocAuc(testLabels, rawProbabilities)),
      },
      deployedCalibration: deployed.report,
    },
    ...(options.trainedAt === undefined ? {} : { trainedAt: options.trainedAt }),
  };
}

interface ScoredPart {
  rows: readonly FeatureRow[];
  margins: Float64Array;
  labels: Uint8Array;
}

/** The calibrator to deploy (see `recalibrateOn`) and what its rows say about the level's precision. */
function deployedCalibrator(
  evaluated: Calibrator, options: TrainModelOptions, calibration: ScoredPart, test: ScoredPart,
): { calibrator: Calibrator; report: NonNullable<ModelMetrics['deployedCalibration']> } {
  const heldOut = options.recalibrateOn === 'held-out' && evaluated.type !== 'identity';
  const parts = heldOut ? [calibration, test] : [calibration];
  const margins = Float64Array.from(parts.flatMap((part) => [...part.margins]));
  const calibrator = heldOut
    ? fitCalibrator(evaluated.type as 'platt' | 'isotonic', margins, Uint8Array.from(parts.flatMap((part) => [...part.labels])))
    : evaluated;
  const weights = options.levelWeight ? parts.flatMap((part) => part.rows.map(options.levelWeight!.of)) : undefined;
  return {
    calibrator,
    report: {
      fittedOn: heldOut ? 'held-out' : 'calibration',
      rows: margins.length,
      levelStandardError: levelStandardError(calibrateMargins(calibrator, margins), weights),
      levelWeightedBy: options.levelWeight?.name ?? null,
    },
  };
}
