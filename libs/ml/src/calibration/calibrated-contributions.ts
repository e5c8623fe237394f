import { calibratedLogit, type Calibrator } from './calibrator';

export interface CalibratedContributions {
  /** Calibrated log-odds of the bias margin. */
  readonly bias: number;
  readonly contributions: Float64Array;
  /** Calibrated log-odds of the prediction: bias + Σ contributions. */
  readonly logit: number;
  /** Factor applied to every raw contribution. */
  readonly scale: number;
}

/**
 * Moves contributions from the learner's raw log-odds into calibrated log-odds so that they still
 * sum to the log-odds of the probability the user sees.
 *
 * Every contribution is multiplied by the secant slope s of the calibration map g between the
 * bias margin m₀ and the prediction's margin m: s = (g(m) − g(m₀)) / (m − m₀), and the bias becomes
 * g(m₀). Then g(m₀) + s · Σ c = g(m₀) + s · (m − m₀) = g(m). For Platt s is exactly a and the bias
 * a·m₀ + b, so nothing is approximated. For isotonic, g(m) = logit(clip(iso(m), 1e-6)); s ≥ 0
 * because g is non-decreasing, so every contribution keeps its sign and its share of the total.
 */
export function calibrateContributions(
  calibrator: Calibrator,
  bias: number,
  margin: number,
  contributions: ArrayLike<number>,
): CalibratedContributions {
  const logit = calibratedLogit(calibrator, margin);
  let calibratedBias = calibratedLogit(calibrator, bias);
  let scale: number;
  if (calibrator.type === 'identity') scale = 1;
  else if (calibrator.type === 'platt') scale = calibrator.a;
  else {
    // Dividing by the contributions' own sum (= m − m₀ up to rounding) makes the total exact.
    let sum = 0;
    for (let j = 0; j < contributions.length; j++) sum += contributions[j]!;
    if (Math.abs(sum) > 1e-12) scale = (logit - calibratedBias) / sum;
    else {
      // Prediction at the bias: the secant is undefined, so the (rounding-sized) gap goes to the bias.
      scale = 0;
      calibratedBias = logit;
    }
  }
  const scaled = Float64Array.from({ length: contributions.length }, (_, j) => contributions[j]! * scale);
  return { bias: calibratedBias, contributions: scaled, logit, scale };
}
