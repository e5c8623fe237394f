import { quarterStartOf } from '../calendar/periods';
import type { ClosedDealHistory } from '../deal-state';
import { ForecastInputError } from '../forecast-error';

/**
 * A quarter's deals are not independent coin flips: a market, a price change or a model's calibration
 * error moves all their win odds together. The simulation draws one shift of every deal's win log-odds
 * per simulation, Normal(0, logOddsSd²), so intervals carry that shared error; its size is learned from
 * how much past quarters' win rates spread beyond what independent deals would give.
 */
export interface WinRateShock {
  /**
   * Standard deviation of the shared log-odds shift; 0 draws deals independently. When learned, it
   * combines (in quadrature) the part learned from history and the win model's own level error.
   */
  logOddsSd: number;
  /** The part learned from past quarters' win rates (0 when given, none or too little history). */
  historySd: number;
  /** The win model's level error the caller passed (`modelLevelSd`), 0 when none. */
  modelLevelSd: number;
  /** The part learned from the hub's own past forecast errors (past-forecast-errors.ts), and how many it read. */
  pastErrorSd: number;
  pastErrors: number;
  /** `given` by the caller, `learned` from history, or none learnable (`too-little-history`: 0). */
  source: 'given' | 'learned' | 'too-little-history';
  /** Closed quarters (with at least MIN_DEALS_PER_QUARTER closed deals) and deals the estimate read. */
  quarters: number;
  closedDeals: number;
  /** Spread of the quarterly win rates, and the part independent deals explain (binomial). */
  observedRateSd: number | null;
  binomialRateSd: number | null;
}

export type WinRateShockOption = 'learned' | 'none' | { logOddsSd: number };

/** Discrete levels of the shift: simulation s uses level s mod SHOCK_LEVELS (a power of two). */
export const SHOCK_LEVELS = 16;
const LOOKBACK_QUARTERS = 8;
const MIN_QUARTERS = 4;
const MIN_DEALS_PER_QUARTER = 20;

/**
 * Method of moments on the win rates of deals closed in each of the last eight full quarters before
 * `now`: the between-quarter variance left after the binomial part, τ² = var(rᵩ) − mean(p̄(1−p̄)/nᵩ),
 * converted to the logit scale by how much a shift δ moves a population's win rate, δ·mean pᵢ(1−pᵢ):
 * sd = τ / mean pᵢ(1−pᵢ), over the open deals' probabilities when given (closed deals' own
 * probabilities are not known; p̄(1−p̄) overstates the slope when probabilities are spread out).
 */
export function learnWinRateShock(
  history: readonly ClosedDealHistory[], now: number, option: WinRateShockOption = 'learned', openProbabilities: ArrayLike<number> = [],
  modelLevelSd = 0,
  pastError: { sd: number; errors: number } = { sd: 0, errors: 0 },
): WinRateShock {
  const none = { historySd: 0, modelLevelSd: 0, pastErrorSd: 0, pastErrors: 0 };
  if (option === 'none') return { logOddsSd: 0, ...none, source: 'given', quarters: 0, closedDeals: 0, observedRateSd: null, binomialRateSd: null };
  if (typeof option === 'object') {
    if (!(Number.isFinite(option.logOddsSd) && option.logOddsSd >= 0 && option.logOddsSd <= 3)) {
      throw new ForecastInputError('invalid-input', `winRateShock.logOddsSd must be a number from 0 to 3 (got ${option.logOddsSd})`);
    }
    return { logOddsSd: option.logOddsSd, ...none, source: 'given', quarters: 0, closedDeals: 0, observedRateSd: null, binomialRateSd: null };
  }
  if (!(Number.isFinite(modelLevelSd) && modelLevelSd >= 0 && modelLevelSd <= 3)) {
    throw new ForecastInputError('invalid-input', `modelLevelSd must be a number from 0 to 3 (got ${modelLevelSd})`);
  }
  const learned = learnHistoryShock(history, now, openProbabilities);
  // Independent errors: what history shows (market, quarter to quarter), how well the model's level is
  // known, and what the hub's own past forecasts missed beyond both.
  return {
    ...learned, logOddsSd: Math.min(3, Math.hypot(learned.historySd, modelLevelSd, pastError.sd)), modelLevelSd,
    pastErrorSd: pastError.sd, pastErrors: pastError.errors,
  };
}

type HistoryShock = Omit<WinRateShock, 'logOddsSd' | 'modelLevelSd' | 'pastErrorSd' | 'pastErrors'>;

function learnHistoryShock(history: readonly ClosedDealHistory[], now: number, openProbabilities: ArrayLike<number>): HistoryShock {
  const currentQuarter = quarterStartOf(now);
  const byQuarter = new Map<number, { n: number; wins: number }>();
  for (const deal of history) {
    if (deal.closedAt >= currentQuarter || deal.closedAt >= now) continue;
    const q = quarterStartOf(deal.closedAt);
    const cell = byQuarter.get(q) ?? { n: 0, wins: 0 };
    cell.n++;
    if (deal.won) cell.wins++;
    byQuarter.set(q, cell);
  }
  const quarters = [...byQuarter].sort(([a], [b]) => b - a).slice(0, LOOKBACK_QUARTERS).map(([, c]) => c).filter((c) => c.n >= MIN_DEALS_PER_QUARTER);
  const closedDeals = quarters.reduce((s, c) => s + c.n, 0);
  const pooled = quarters.reduce((s, c) => s + c.wins, 0) / Math.max(1, closedDeals);
  if (quarters.length < MIN_QUARTERS || pooled <= 0 || pooled >= 1) {
    return { historySd: 0, source: 'too-little-history', quarters: quarters.length, closedDeals, observedRateSd: null, binomialRateSd: null };
  }
  const rates = quarters.map((c) => c.wins / c.n);
  const meanRate = rates.reduce((s, r) => s + r, 0) / rates.length;
  const observed = rates.reduce((s, r) => s + (r - meanRate) ** 2, 0) / (rates.length - 1);
  const binomial = quarters.reduce((s, c) => s + (pooled * (1 - pooled)) / c.n, 0) / quarters.length;
  const between = Math.max(0, observed - binomial);
  let slope = pooled * (1 - pooled);
  if (openProbabilities.length > 0) {
    let sum = 0;
    for (let i = 0; i < openProbabilities.length; i++) sum += openProbabilities[i]! * (1 - openProbabilities[i]!);
    // Never below a tenth of the pooled slope: a pipeline of near-certain deals must not blow the shift up.
    slope = Math.max(0.1 * slope, sum / openProbabilities.length);
  }
  return {
    historySd: Math.min(3, Math.sqrt(between) / slope),
    source: 'learned',
    quarters: quarters.length,
    closedDeals,
    observedRateSd: Math.sqrt(observed),
    binomialRateSd: Math.sqrt(binomial),
  };
}

/** Standard normal quantile (Acklam's rational approximation, relative error < 1.2e-9). */
export function normalQuantile(u: number): number {
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const tail = (q: number) => (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  if (u < 0.02425) return tail(Math.sqrt(-2 * Math.log(u)));
  if (u > 1 - 0.02425) return -tail(Math.sqrt(-2 * Math.log(1 - u)));
  const q = u - 0.5;
  const r = q * q;
  return ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) / (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
}

/** The shift levels: normal quantiles at the midpoints of `levels` equal slices, times sd (mean 0). */
export function shockLevels(logOddsSd: number): Float64Array {
  if (logOddsSd === 0) return Float64Array.of(0);
  return Float64Array.from({ length: SHOCK_LEVELS }, (_, k) => logOddsSd * normalQuantile((k + 0.5) / SHOCK_LEVELS));
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/**
 * The deal's win probability at each shift level, written to `out`, with an offset chosen (Newton) so
 * that their mean is still `p`: the model's calibrated probability stays the deal's expectation, the
 * shared shift only spreads it.
 */
export function shockedProbabilities(p: number, shifts: Float64Array, out: Float64Array): void {
  const k = shifts.length;
  if (k === 1 || p <= 0 || p >= 1) {
    out.fill(p, 0, k);
    return;
  }
  const logit = Math.log(p / (1 - p));
  let offset = 0;
  for (let iteration = 0; iteration < 30; iteration++) {
    let mean = 0;
    let slope = 0;
    for (let i = 0; i < k; i++) {
      const q = sigmoid(logit + offset + shifts[i]!);
      mean += q;
      slope += q * (1 - q);
    }
    const step = (mean / k - p) / (slope / k);
    offset -= step;
    if (Math.abs(step) < 1e-10) break;
  }
  for (let i = 0; i < k; i++) out[i] = sigmoid(logit + offset + shifts[i]!);
}
