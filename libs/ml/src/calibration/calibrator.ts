import { clipProbability, logit, marginLogLoss, sigmoid, toBinaryLabels } from '../math/logistic-functions';
import { applyIsotonic, fitIsotonic, type IsotonicCalibrator } from './isotonic-regression';
import { applyPlatt, fitPlatt, type PlattCalibrator } from './platt-scaling';

export interface IdentityCalibrator {
  readonly type: 'identity';
}

/** Maps a learner's raw margin (log-odds) to a calibrated probability. */
export type Calibrator = IdentityCalibrator | PlattCalibrator | IsotonicCalibrator;
export type CalibrationMethod = 'platt' | 'isotonic' | 'none' | 'auto';

export function calibratedProbability(calibrator: Calibrator, margin: number): number {
  switch (calibrator.type) {
    case 'identity':
      return sigmoid(margin);
    case 'platt':
      return applyPlatt(calibrator, margin);
    case 'isotonic':
      // Clipped so that the reported probability and its log-odds agree and stay finite.
      return clipProbability(applyIsotonic(calibrator, margin));
  }
}

/** Log-odds of the calibrated probability. Exact (unclipped) for identity and Platt. */
export function calibratedLogit(calibrator: Calibrator, margin: number): number {
  switch (calibrator.type) {
    case 'identity':
      return margin;
    case 'platt':
      return calibrator.a * margin + calibrator.b;
    case 'isotonic':
      return logit(applyIsotonic(calibrator, margin));
  }
}

export function calibrateMargins(calibrator: Calibrator, margins: ArrayLike<number>): Float64Array {
  return Float64Array.from({ length: margins.length }, (_, i) => calibratedProbability(calibrator, margins[i]!));
}

function fitMethod(method: 'platt' | 'isotonic', margins: ArrayLike<number>, labels: ArrayLike<number>): Calibrator {
  return method === 'platt' ? fitPlatt(margins, labels) : fitIsotonic(margins, labels);
}

/**
 * Cross-validated log loss of a method on the calibration rows (interleaved folds). Isotonic
 * regression can put probability 0 or 1 on a held-out row; the clip at 1e-6 charges it ~13.8 nats.
 */
export function crossValidatedCalibrationLoss(
  method: 'platt' | 'isotonic',
  margins: ArrayLike<number>,
  labels: ArrayLike<number>,
  folds = 5,
): number {
  const y = toBinaryLabels(labels);
  let total = 0;
  for (let fold = 0; fold < folds; fold++) {
    const fitMargins: number[] = [];
    const fitLabels: number[] = [];
    for (let i = 0; i < y.length; i++) {
      if (i % folds !== fold) {
        fitMargins.push(margins[i]!);
        fitLabels.push(y[i]!);
      }
    }
    if (fitMargins.length === 0) continue;
    const calibrator = fitMethod(method, fitMargins, fitLabels);
    for (let i = fold; i < y.length; i += folds) total += marginLogLoss(y[i]!, calibratedLogit(calibrator, margins[i]!));
  }
  return total / y.length;
}

/**
 * Fits the calibrator on held-out rows. `auto` picks Platt or isotonic by 5-fold cross-validated log
 * loss: isotonic wins on large calibration sets with a bent reliability curve, Platt on small ones.
 */
export function fitCalibrator(method: CalibrationMethod, margins: ArrayLike<number>, labels: ArrayLike<number>): Calibrator {
  if (method === 'none') return { type: 'identity' };
  if (method !== 'auto') return fitMethod(method, margins, labels);
  if (margins.length < 10) return fitPlatt(margins, labels);
  const platt = crossValidatedCalibrationLoss('platt', margins, labels);
  const isotonic = crossValidatedCalibrationLoss('isotonic', margins, labels);
  return fitMethod(isotonic < platt ? 'isotonic' : 'platt', margins, labels);
}
