/** A calibration table bin: predictions binned, mean prediction against observed rate. */
export interface CalibrationBinView {
  lower: number;
  upper: number;
  meanPredicted: number;
  observedRate: number;
  count: number;
}

/** Held-out figures of a binary model, as `@hub/ml` computes them (null when undefined, e.g. one class). */
export interface BinaryMetrics {
  count: number;
  baseRate: number | null;
  rocAuc: number | null;
  prAuc: number | null;
  logLoss: number | null;
  brierScore: number | null;
  expectedCalibrationError: number | null;
  expectedCalibrationErrorEqualMass: number | null;
  liftTopDecile: number | null;
  calibration: CalibrationBinView[];
}
