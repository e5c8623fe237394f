/**
 * @hub/forecasting: revenue forecasts by Monte Carlo over open deals and subscriptions, backtests,
 * pipeline health and deal risks. Plain functions over plain deal states; no I/O, no framework.
 */
export * from './deal-state';
export { ForecastInputError } from './forecast-error';
export { buildHorizon, monthKey, previousQuarterStarts, quarterKey, quarterStartOf, type ForecastHorizon, type ForecastPeriod } from './calendar/periods';
export { DEFAULT_SLIPPAGE_SETTINGS, learnSlippage, slipDistributionFor, remainingDistributionFor, type SlippageModel, type SlippageSettings } from './slippage/learn-slippage';
export { sampleQuantile, shareBelow, type EmpiricalDistribution } from './slippage/empirical-distribution';
export type { CloseTimeSource } from './slippage/close-time-distribution';
export { learnChurnHazard, type ChurnHazard } from './monte-carlo/churn-hazard';
export { DEFAULT_CATEGORY_RULE, FORECAST_CATEGORIES, forecastCategory, type ForecastCategory, type ForecastCategoryRule } from './monte-carlo/forecast-categories';
export { forecastRevenue } from './monte-carlo/forecast-revenue';
export { DISTRIBUTION_POINTS, probabilityAtLeast, quantileGrid, withQuotas } from './monte-carlo/period-distribution';
export { pastErrorShockSd, pastForecastError, type PastForecastError } from './monte-carlo/past-forecast-errors';
export { learnWinRateShock, SHOCK_LEVELS, type WinRateShock, type WinRateShockOption } from './monte-carlo/win-rate-shock';
export type { CategoryForecast, ForecastBreakdown, ForecastOptions, PeriodForecast, RevenueForecast } from './monte-carlo/forecast-types';
export { backtestForecast, type BacktestBasis, type BacktestInput, type BacktestResult, type BacktestRow, type ClosedOutcome } from './backtest/backtest-forecast';
export { DEFAULT_STAGE_ORDER, pipelineHealth, pipelineHealthTrend, withQuotaCoverage, type MetricTrend, type PipelineHealth, type PipelineHealthOptions } from './pipeline-health/pipeline-health';
export type { AgedDeal, PipelineCoverage, PipelineDeal, QuotaPeriod, StalledDeal } from './pipeline-health/open-pipeline';
export type { StageConversion, StageVelocity } from './pipeline-health/stage-flow';
export { DEFAULT_RISK_SETTINGS, RISK_WEIGHTS, riskFlags, type RiskCode, type RiskFlag, type RiskSettings } from './risks/risk-flags';
export { rankDealRisks, type DealRisk } from './risks/rank-deal-risks';
