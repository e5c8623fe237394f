import type { ForecastState } from '../deal-state';
import { ForecastInputError } from '../forecast-error';
import { forecastRevenue } from '../monte-carlo/forecast-revenue';
import type { ForecastOptions } from '../monte-carlo/forecast-types';
import { pastForecastError, type PastForecastError } from '../monte-carlo/past-forecast-errors';

/** What happened to a deal, known now. */
export interface ClosedOutcome {
  dealId: string | number;
  amount: number;
  closedAt: number;
  won: boolean;
}

/**
 * What "actual" means. `open-pipeline` (default): revenue won in the period from the deals open at
 * the cut-off (plus any already won in the period before it), which is what the forecast claims to
 * predict. `all-won`: every deal won in the period, including deals created after the cut-off,
 * which the pipeline forecast cannot see and so underestimates.
 */
export type BacktestBasis = 'open-pipeline' | 'all-won';

export interface BacktestInput {
  /** The present: periods not yet over by then are skipped. */
  now: number;
  /** Past forecast moments, e.g. previousQuarterStarts(now, 6). */
  cutoffs: readonly number[];
  /** The data as it stood at a cut-off: open deals with their win probabilities then, history known then. */
  stateAt: (cutoff: number) => ForecastState;
  outcomes: readonly ClosedOutcome[];
  basis?: BacktestBasis;
  options?: Omit<ForecastOptions, 'quotas' | 'pastErrors'>;
  /**
   * Default true: each cut-off's forecast learns from the errors of the earlier cut-offs' forecasts
   * whose period was over by then (as the live forecast learns from all of them), so the backtest
   * judges the forecast the hub would really have made.
   */
  learnFromPastErrors?: boolean;
}

export interface BacktestRow {
  cutoff: number;
  period: string;
  start: number;
  end: number;
  actual: number;
  expected: number;
  p10: number;
  p50: number;
  p90: number;
  /** |actual − expected| / actual; null when nothing was won. */
  absPercentError: number | null;
  withinInterval: boolean;
}

export interface BacktestResult {
  basis: BacktestBasis;
  rows: BacktestRow[];
  skipped: { cutoff: number; reason: string }[];
  /** Mean absolute percentage error over rows with a positive actual; null when there is none. */
  mape: number | null;
  /** Share of actuals within P10–P90 (about 0.8 when the forecast is calibrated); null with no rows. */
  coverage: number | null;
  /** Each row's error against its unwidened simulation, oldest first: what a forecast after them learns from. */
  pastErrors: PastForecastError[];
}

/**
 * The forecast the hub would have made at each cut-off, for the quarter holding it, against what
 * then closed. Recurring revenue is left out: it is near-certain in the short run and its actuals
 * would need the subscription history as it unfolded; the backtest measures the deal forecast.
 */
export function backtestForecast(input: BacktestInput): BacktestResult {
  const basis = input.basis ?? 'open-pipeline';
  const rows: BacktestRow[] = [];
  const skipped: BacktestResult['skipped'] = [];
  const pastErrors: PastForecastError[] = [];
  const learn = input.learnFromPastErrors ?? true;
  // Oldest first, so that each cut-off can learn from the ones before it.
  for (const cutoff of [...input.cutoffs].sort((a, b) => a - b)) {
    const state = input.stateAt(cutoff);
    let intrinsic;
    try {
      intrinsic = forecastRevenue({ ...state, subscriptions: [] }, { ...input.options, quarters: 1 });
    } catch (error) {
      if (!(error instanceof ForecastInputError) || error.code !== 'insufficient-history') throw error;
      skipped.push({ cutoff, reason: error.message });
      continue;
    }
    const quarter0 = intrinsic.quarters[0]!;
    if (quarter0.end > input.now) {
      skipped.push({ cutoff, reason: `${quarter0.key} is not over yet` });
      continue;
    }
    const known = learn ? pastErrors.filter((e) => e.knownAt <= cutoff) : [];
    const quarter = known.length > 0
      ? forecastRevenue({ ...state, subscriptions: [] }, { ...input.options, quarters: 1, pastErrors: known }).quarters[0]!
      : quarter0;
    const openAtCutoff = new Set(state.openDeals.map((d) => d.dealId));
    const actual = input.outcomes
      .filter((o) => o.won && o.closedAt >= quarter.start && o.closedAt < quarter.end)
      .filter((o) => basis === 'all-won' || o.closedAt < cutoff || openAtCutoff.has(o.dealId))
      .reduce((sum, o) => sum + o.amount, 0);
    const error = pastForecastError(cutoff, quarter.end, actual, quarter0.expected, quarter0.p10, quarter0.p90);
    if (error) pastErrors.push(error);
    rows.push({
      cutoff,
      period: quarter.key,
      start: quarter.start,
      end: quarter.end,
      actual,
      expected: quarter.expected,
      p10: quarter.p10,
      p50: quarter.p50,
      p90: quarter.p90,
      absPercentError: actual > 0 ? Math.abs(actual - quarter.expected) / actual : null,
      withinInterval: actual >= quarter.p10 && actual <= quarter.p90,
    });
  }
  // In the order the cut-offs were given.
  rows.sort((a, b) => input.cutoffs.indexOf(a.cutoff) - input.cutoffs.indexOf(b.cutoff));
  const errors = rows.flatMap((r) => (r.absPercentError === null ? [] : [r.absPercentError]));
  return {
    basis,
    rows,
    skipped,
    mape: errors.length ? errors.reduce((s, e) => s + e, 0) / errors.length : null,
    coverage: rows.length ? rows.filter((r) => r.withinInterval).length / rows.length : null,
    pastErrors,
  };
}
