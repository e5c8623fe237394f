import type { PastForecastError } from './past-forecast-errors';
import type { SlippageSettings } from '../slippage/learn-slippage';
import type { CloseTimeSource } from '../slippage/close-time-distribution';
import type { ChurnHazard } from './churn-hazard';
import type { ForecastCategory, ForecastCategoryRule } from './forecast-categories';
import type { WinRateShock, WinRateShockOption } from './win-rate-shock';

export interface ForecastOptions {
  /** Default 10,000. */
  simulations?: number;
  /** Default 1; the same inputs and seed give the same figures. */
  seed?: number;
  /** Default 4 calendar quarters, from the quarter holding `now`. */
  quarters?: number;
  /** Quota per period key (`2026-03` or `2026-Q1`): a finite amount ≥ 0. */
  quotas?: Readonly<Record<string, number>>;
  categoryRule?: ForecastCategoryRule;
  slippage?: SlippageSettings;
  /**
   * Unit × simulation draws made one by one (default 20 million), units being open deals and
   * paying customers. Past it, the units with the least spread are summed as one multivariate
   * normal per simulation (see gaussian-remainder.ts).
   */
  exactSimulationBudget?: number;
  /**
   * The shared shift of every deal's win log-odds per simulation (win-rate-shock.ts): `learned`
   * (default) from the spread of past quarters' win rates in the history, `none`, or a given sd.
   */
  winRateShock?: WinRateShockOption;
  /**
   * The hub's own past forecasts against what then happened (a backtest's `pastErrors`, all before
   * `now`): with a `learned` shock, what they missed beyond the simulation's own spread widens the
   * interval (past-forecast-errors.ts).
   */
  pastErrors?: readonly PastForecastError[];
  /** Keep each period's distribution (a quantile grid) in the result, so quotas can be asked later (`withQuotas`). */
  keepDistribution?: boolean;
}

export interface PeriodForecast {
  key: string;
  kind: 'month' | 'quarter';
  start: number;
  end: number;
  /** Exact expectation: booked + new business + recurring. */
  expected: number;
  /** Won before the forecast moment, inside this period (from history). */
  booked: number;
  newBusinessExpected: number;
  recurringExpected: number;
  /** Mean of the simulations (equals `expected` up to simulation noise). */
  simulatedMean: number;
  p10: number;
  p50: number;
  p90: number;
  quota?: { amount: number; probabilityToReach: number };
  /** With `keepDistribution`: quantiles of the simulated totals (period-distribution.ts), for later quota questions. */
  distribution?: number[];
}

/** Expected new business (recurring for products) per month and quarter, aligned with the period lists. */
export interface ForecastBreakdown {
  key: string;
  months: number[];
  quarters: number[];
}

export interface CategoryForecast {
  category: ForecastCategory;
  dealCount: number;
  /** Unweighted amount per quarter, each deal in the quarter where it has more likely than not closed if won. */
  amountByQuarter: number[];
  /** Probability-weighted (expected) amount per quarter. */
  expectedByQuarter: number[];
}

export interface RevenueForecast {
  now: number;
  simulations: number;
  seed: number;
  months: PeriodForecast[];
  quarters: PeriodForecast[];
  byOwner: ForecastBreakdown[];
  byTeam: ForecastBreakdown[];
  byProduct: ForecastBreakdown[];
  categories: CategoryForecast[];
  method: {
    exactDeals: number;
    approximatedDeals: number;
    exactCustomers: number;
    approximatedCustomers: number;
    closeTimeSources: Record<CloseTimeSource, number>;
    wonDealsInHistory: number;
    churn: ChurnHazard | null;
    /** The shared win-rate shift drawn per simulation, its size and where it came from. */
    winRateShock: WinRateShock;
  };
  warnings: string[];
}
