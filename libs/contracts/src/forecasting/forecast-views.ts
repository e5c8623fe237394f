/**
 * Forecasting answers of the REST API and MCP tools (`GET /api/forecast`, `GET /api/pipeline/health`,
 * `GET /api/deals/risks`, `GET /api/deals/:id/prediction`). Money is in the hub's reporting currency
 * (`currency`); times are ISO 8601 in UTC.
 */

/** One month or quarter of the revenue forecast. */
export interface ForecastPeriodView {
  key: string;
  kind: 'month' | 'quarter';
  start: string;
  end: string;
  /** Exact expectation: booked + new business + recurring. */
  expected: number;
  /** Already won inside the period before the forecast moment. */
  booked: number;
  newBusinessExpected: number;
  recurringExpected: number;
  p10: number;
  p50: number;
  p90: number;
  quota?: { amount: number; probabilityToReach: number };
}

export interface ForecastBreakdownView {
  key: string;
  /** Expected new business per month / quarter, aligned with `months` / `quarters`. */
  months: number[];
  quarters: number[];
}

export interface ForecastCategoryView {
  category: 'commit' | 'best_case' | 'pipeline';
  dealCount: number;
  amountByQuarter: number[];
  expectedByQuarter: number[];
}

export interface BacktestRowView {
  cutoff: string;
  period: string;
  actual: number;
  expected: number;
  p10: number;
  p50: number;
  p90: number;
  absPercentError: number | null;
  withinInterval: boolean;
}

/** How accurate the hub's forecasts have been: its forecasts at past dates against what closed. */
export interface BacktestView {
  basis: 'open-pipeline' | 'all-won';
  rows: BacktestRowView[];
  skipped: { cutoff: string; reason: string }[];
  /** Mean absolute percentage error over the rows; null with no rows. */
  mape: number | null;
  /** Share of actuals inside P10-P90 (about 0.8 when the intervals are honest). */
  coverage: number | null;
}

/** `GET /api/forecast`. */
export interface ForecastReportView {
  run: ForecastRunView;
  currency: string;
  simulations: number;
  months: ForecastPeriodView[];
  quarters: ForecastPeriodView[];
  byOwner: ForecastBreakdownView[];
  byTeam: ForecastBreakdownView[];
  byProduct: ForecastBreakdownView[];
  categories: ForecastCategoryView[];
  /** Null with the reason when there is not enough history for one. */
  backtest: BacktestView | null;
  backtestUnavailable?: string;
  warnings: string[];
}

export interface ForecastRunView {
  id: number;
  asOf: string;
  createdAt: string;
  /** The deal-win model (or rules) that gave the win probabilities. */
  modelVersion: string;
  trigger: string;
  openDeals: number;
}

export interface MetricTrendView {
  metric: string;
  current: number | null;
  previous: number | null;
  change: number | null;
}

/** `GET /api/pipeline/health`. */
export interface PipelineHealthView {
  run: ForecastRunView;
  currency: string;
  lookbackDays: number;
  headline: Record<string, number | null>;
  /** Each headline metric now against 90 days earlier. */
  trend: MetricTrendView[];
  coverage: { period: string; quota: number; pipeline: number; weightedPipeline: number; coverage: number | null; weightedCoverage: number | null } | null;
  conversions: { from: string; to: string; entered: number; advanced: number; rate: number | null }[];
  velocity: { stage: string; deals: number; averageDays: number | null; medianDays: number | null; typicalMaxDays: number | null }[];
  winRate: number | null;
  averageCycleDays: number | null;
  aging: { dealId: number; stage: string; daysInStage: number; typicalMaxDays: number; amount: number }[];
  stalled: { dealId: number; stage: string; daysSinceStageMove: number; daysSinceActivity: number; amount: number }[];
  concentration: { top5Share: number | null; herfindahl: number | null };
}

export interface RiskFlagView {
  code: string;
  /** Plain language with the numbers, e.g. "No activity for 23 days". */
  phrase: string;
  weight: number;
  evidence: Record<string, number | string | boolean | null>;
}

export interface DealRiskView {
  dealId: number;
  name?: string;
  amount: number;
  winProbability: number;
  expectedValue: number;
  revenueAtRisk: number;
  flags: RiskFlagView[];
}

/** `GET /api/deals/risks`: open deals with risk flags, ranked by revenue at risk. */
export interface DealRisksView {
  run: ForecastRunView;
  currency: string;
  total: number;
  items: DealRiskView[];
  nextCursor: string | null;
}

export interface DealFactorView {
  feature: string;
  phrase: string;
  /** Signed share of the log-odds: baseLogOdds + Σ contribution = logit(probability). */
  contribution: number;
  evidence: Record<string, number | string | boolean | null>;
}

/** `GET /api/deals/:id/prediction`. */
export interface DealPredictionView {
  dealId: number;
  stage: string;
  open: boolean;
  probability: number;
  confidence: number;
  confidenceLevel: 'low' | 'medium' | 'high';
  baseLogOdds: number;
  /** In the reporting currency. */
  amount: number;
  currency: string;
  method: 'model' | 'rules';
  modelVersion: string;
  factors: DealFactorView[];
  risks: RiskFlagView[];
  asOf: string;
}
