import { calibrationTable, expectedCalibrationError, type CalibrationBin } from './calibration-metrics';
import { brierScore, logLoss } from './probability-metrics';
import { averagePrecision, baseRate, liftAtTop, rocAuc } from './ranking-metrics';

/** Every figure a model card needs. Undefined figures (e.g. AUC with one class) are null, which JSON can hold. */
export interface BinaryMetrics {
  readonly count: number;
  readonly baseRate: number | null;
  readonly rocAuc: number | null;
  readonly prAuc: number | null;
  readonly logLoss: number | null;
  readonly brierScore: number | null;
  /** 10 equal-width bins. */
  readonly expectedCalibrationError: number | null;
  /** 10 equal-mass bins. */
  readonly expectedCalibrationErrorEqualMass: number | null;
  readonly liftTopDecile: number | null;
  readonly calibration: readonly CalibrationBin[];
}

const finiteOrNull = (value: number): number | null => (Number.isFinite(value) ? value : null);

export function evaluateBinary(labels: ArrayLike<number>, probabilities: ArrayLike<number>): BinaryMetrics {
  const empty = labels.length === 0;
  return {
    count: labels.length,
    baseRate: finiteOrNull(baseRate(labels)),
    rocAuc: finiteOrNull(rocAuc(labels, probabilities)),
    prAuc: finiteOrNull(averagePrecision(labels, probabilities)),
    logLoss: empty ? null : finiteOrNull(logLoss(labels, probabilities)),
    brierScore: empty ? null : finiteOrNull(brierScore(labels, probabilities)),
    expectedCalibrationError: finiteOrNull(expectedCalibrationError(labels, probabilities)),
    expectedCalibrationErrorEqualMass: finiteOrNull(expectedCalibrationError(labels, probabilities, { strategy: 'quantile' })),
    liftTopDecile: finiteOrNull(liftAtTop(labels, probabilities, 0.1)),
    calibration: calibrationTable(labels, probabilities),
  };
}
