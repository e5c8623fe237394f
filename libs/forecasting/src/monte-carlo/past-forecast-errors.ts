import { ForecastInputError } from '../forecast-error';

/**
 * One past forecast against what then happened (from a backtest): the log of actual over expected
 * for the period it forecast, and the log-scale variance its own simulation gave that period
 * (before any widening from earlier errors), so what the simulation already explains is not counted twice.
 */
export interface PastForecastError {
  /** When the forecast was made, and when its period ended (its actual known from then on). */
  readonly cutoff: number;
  readonly knownAt: number;
  readonly logError: number;
  readonly intrinsicLogVariance: number;
}

/** P10 and P90 of a normal are ±1.2816 sd apart from its mean. */
const P10_P90_HALF_WIDTH = 1.2815515655446004;

/** A past period's error record, from its forecast (unwidened P10/P90, expected) and its actual; null when logs are undefined. */
export function pastForecastError(
  cutoff: number, knownAt: number, actual: number, expected: number, p10: number, p90: number,
): PastForecastError | null {
  if (!(actual > 0 && expected > 0 && p10 > 0 && p90 >= p10)) return null;
  const sd = (Math.log(p90) - Math.log(p10)) / (2 * P10_P90_HALF_WIDTH);
  return { cutoff, knownAt, logError: Math.log(actual / expected), intrinsicLogVariance: sd * sd };
}

/**
 * The forecast's error beyond what its simulation explains, learned from its own past errors (method of
 * moments, like the history part of the shock): excess variance = mean(max(0, eᵢ² − vᵢ)) of money in log
 * scale, turned into a shared log-odds shift by how much a shift δ moves the pipeline's expected money,
 * d ln(Σ aᵢpᵢ)/dδ = Σ aᵢpᵢ(1−pᵢ) / Σ aᵢpᵢ. This is what makes the interval honest about errors no
 * part of the model names (a model trained on few deals misjudging the large ones, say): the hub's own
 * track record. Errors from the future of `now` are refused: a forecast may only learn from the past.
 */
export function pastErrorShockSd(
  errors: readonly PastForecastError[], now: number, amounts: ArrayLike<number>, probabilities: ArrayLike<number>,
): { sd: number; errors: number; excessLogSd: number } {
  if (errors.length === 0) return { sd: 0, errors: 0, excessLogSd: 0 };
  for (const e of errors) {
    if (!(e.knownAt <= now)) {
      throw new ForecastInputError('invalid-input', `A past forecast error known only at ${new Date(e.knownAt).toISOString()} is after the forecast moment`);
    }
    if (!Number.isFinite(e.logError) || !(e.intrinsicLogVariance >= 0)) throw new ForecastInputError('invalid-input', 'A past forecast error is not a finite log error with a variance ≥ 0');
  }
  const excess = errors.reduce((s, e) => s + Math.max(0, e.logError ** 2 - e.intrinsicLogVariance), 0) / errors.length;
  let money = 0;
  let slope = 0;
  for (let i = 0; i < amounts.length; i++) {
    const p = probabilities[i]!;
    money += amounts[i]! * p;
    slope += amounts[i]! * p * (1 - p);
  }
  const excessLogSd = Math.sqrt(excess);
  // A pipeline of near-certain deals cannot carry the error as a shift of odds: then none is added.
  const sd = money > 0 && slope > 0.01 * money ? Math.min(3, excessLogSd / (slope / money)) : 0;
  return { sd, errors: errors.length, excessLogSd };
}
