import type {
  BacktestView, DealPredictionView, DealRiskView, ForecastCategoryView, ForecastPeriodView, ForecastReportView, ForecastRunView, PipelineHealthView,
  RiskFlagView,
} from '@hub/contracts';
import type { DealWinPrediction } from '@hub/deal-win';
import type { BacktestResult, DealRisk, MetricTrend, PeriodForecast, PipelineHealth, RevenueForecast, RiskFlag } from '@hub/forecasting';
import type { StoredForecastRun } from './forecast-run.store';
import { REPORTING_CURRENCY } from './reporting-currency';

const iso = (ms: number) => new Date(ms).toISOString();
/** Money to the cent, shares and rates to 4 decimals: the views carry figures, not float noise. */
const money = (value: number) => Math.round(value * 100) / 100;
const share = (value: number | null) => (value === null ? null : Math.round(value * 10_000) / 10_000);

export function runView(run: StoredForecastRun): ForecastRunView {
  return {
    id: run.id, asOf: iso(run.asOf), createdAt: run.createdAt, modelVersion: run.modelVersion, trigger: run.trigger, openDeals: run.state.openPipeline.length,
  };
}

function periodView(p: PeriodForecast): ForecastPeriodView {
  return {
    key: p.key, kind: p.kind, start: iso(p.start), end: iso(p.end), expected: money(p.expected), booked: money(p.booked),
    newBusinessExpected: money(p.newBusinessExpected), recurringExpected: money(p.recurringExpected), p10: money(p.p10), p50: money(p.p50), p90: money(p.p90),
    ...(p.quota ? { quota: { amount: p.quota.amount, probabilityToReach: p.quota.probabilityToReach } } : {}),
  };
}

export function backtestView(b: BacktestResult): BacktestView {
  return {
    basis: b.basis,
    rows: b.rows.map((r) => ({
      cutoff: iso(r.cutoff), period: r.period, actual: money(r.actual), expected: money(r.expected), p10: money(r.p10), p50: money(r.p50), p90: money(r.p90),
      absPercentError: share(r.absPercentError), withinInterval: r.withinInterval,
    })),
    skipped: b.skipped.map((s) => ({ cutoff: iso(s.cutoff), reason: s.reason })),
    mape: share(b.mape),
    coverage: share(b.coverage),
  };
}

export function forecastReportView(run: StoredForecastRun, forecast: RevenueForecast): ForecastReportView {
  const breakdown = (b: RevenueForecast['byOwner'][number]) => ({ key: b.key, months: b.months.map(money), quarters: b.quarters.map(money) });
  return {
    run: runView(run),
    currency: REPORTING_CURRENCY,
    simulations: forecast.simulations,
    months: forecast.months.map(periodView),
    quarters: forecast.quarters.map(periodView),
    byOwner: forecast.byOwner.map(breakdown),
    byTeam: forecast.byTeam.map(breakdown),
    byProduct: forecast.byProduct.map(breakdown),
    categories: forecast.categories.map((c): ForecastCategoryView => ({
      category: c.category === 'best-case' ? 'best_case' : c.category, dealCount: c.dealCount,
      amountByQuarter: c.amountByQuarter.map(money), expectedByQuarter: c.expectedByQuarter.map(money),
    })),
    backtest: run.result.backtest ? backtestView(run.result.backtest) : null,
    ...(run.result.backtestUnavailable ? { backtestUnavailable: run.result.backtestUnavailable } : {}),
    warnings: [...run.result.warnings],
  };
}

export function pipelineHealthView(run: StoredForecastRun, health: PipelineHealth, trend: readonly MetricTrend[]): PipelineHealthView {
  return {
    run: runView(run),
    currency: REPORTING_CURRENCY,
    lookbackDays: health.lookbackDays,
    headline: Object.fromEntries(Object.entries(health.headline).map(([key, value]) => [key, value === null ? null : Math.round(value * 10_000) / 10_000])),
    trend: trend.map((t) => ({ metric: t.metric, current: t.current, previous: t.previous, change: t.change })),
    coverage: health.coverage
      ? { period: health.coverage.period, quota: health.coverage.quota, pipeline: money(health.coverage.pipeline), weightedPipeline: money(health.coverage.weightedPipeline),
        coverage: share(health.coverage.coverage), weightedCoverage: share(health.coverage.weightedCoverage) }
      : null,
    conversions: health.conversions.map((c) => ({ from: c.from, to: c.to, entered: c.entered, advanced: c.advanced, rate: share(c.rate) })),
    velocity: health.velocity.map((v) => ({ stage: v.stage, deals: v.deals, averageDays: v.averageDays, medianDays: v.medianDays, typicalMaxDays: v.typicalMaxDays })),
    winRate: share(health.winRate),
    averageCycleDays: health.averageCycleDays,
    aging: health.aging.map((d) => ({ dealId: Number(d.dealId), stage: d.stage, daysInStage: d.daysInStage, typicalMaxDays: d.typicalMaxDays, amount: money(d.amount) })),
    stalled: health.stalled.map((d) => ({
      dealId: Number(d.dealId), stage: d.stage, daysSinceStageMove: d.daysSinceStageMove, daysSinceActivity: d.daysSinceActivity, amount: money(d.amount),
    })),
    concentration: { top5Share: share(health.concentration.top5Share), herfindahl: share(health.concentration.herfindahl) },
  };
}

export function riskFlagView(f: RiskFlag): RiskFlagView {
  return { code: f.code, phrase: f.phrase, weight: f.weight, evidence: f.evidence };
}

export function dealRiskView(r: DealRisk): DealRiskView {
  return {
    dealId: Number(r.dealId), ...(r.name === undefined ? {} : { name: r.name }), amount: money(r.amount), winProbability: r.winProbability,
    expectedValue: money(r.expectedValue), revenueAtRisk: money(r.revenueAtRisk), flags: r.flags.map(riskFlagView),
  };
}

export function dealPredictionView(p: DealWinPrediction, risks: readonly RiskFlag[]): DealPredictionView {
  return {
    dealId: p.dealId, stage: p.facts.stage, open: p.facts.isOpen, probability: p.probability, confidence: p.confidence,
    confidenceLevel: p.confidenceLevel, baseLogOdds: p.baseLogOdds, amount: money(p.facts.amountEur), currency: REPORTING_CURRENCY, method: p.method,
    modelVersion: p.modelVersion, factors: p.factors.map((f) => ({ feature: f.feature, phrase: f.phrase, contribution: f.contribution, evidence: f.evidence })),
    risks: risks.map(riskFlagView), asOf: p.asOf,
  };
}
