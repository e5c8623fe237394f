import { DAY_MS, type ForecastState } from '../deal-state';
import { ForecastInputError } from '../forecast-error';
import { agedDeals, concentration, pipelineCoverage, stalledDeals, type PipelineDeal, type QuotaPeriod } from './open-pipeline';
import { stageFlow } from './stage-flow';

export interface PipelineHealthOptions {
  /** Quota of the period to cover (usually the current or next quarter). */
  quota?: QuotaPeriod;
  /** Conversion, velocity, cycle length and win rate use deals closed within this many days. Default 365. */
  lookbackDays?: number;
  /** Default 30. */
  stalledDays?: number;
  /** A deal is aging when its days in stage exceed this quantile of past stays there. Default 0.75. */
  agingQuantile?: number;
  /** Default prospecting → qualification → proposal → negotiation. */
  stageOrder?: readonly string[];
}

export const DEFAULT_STAGE_ORDER = ['prospecting', 'qualification', 'proposal', 'negotiation'] as const;

/** Pipeline health at one moment. Compute it again at an earlier moment for the trend (pipelineHealthTrend). */
export function pipelineHealth(state: ForecastState, options: PipelineHealthOptions = {}) {
  const lookbackDays = options.lookbackDays ?? 365;
  const stalledDaysLimit = options.stalledDays ?? 30;
  const stageOrder = options.stageOrder ?? DEFAULT_STAGE_ORDER;
  if (options.quota && !(Number.isFinite(options.quota.amount) && options.quota.amount >= 0)) {
    throw new ForecastInputError('invalid-quota', `Quota for ${options.quota.key} must be a finite number ≥ 0 (got ${String(options.quota.amount)})`);
  }
  const windowStart = state.now - lookbackDays * DAY_MS;
  const closed = state.history.filter((d) => d.closedAt > windowStart && d.closedAt <= state.now);
  const flow = stageFlow(closed, stageOrder, options.agingQuantile ?? 0.75);
  const open = state.openDeals;
  const aging = agedDeals(open, flow.velocity, state.now);
  const stalled = stalledDeals(open, state.now, stalledDaysLimit);
  const spread = concentration(open);
  const coverage = options.quota ? pipelineCoverage(open, options.quota) : null;
  const pipelineValue = open.reduce((s, d) => s + d.amount, 0);
  const weightedPipelineValue = open.reduce((s, d) => s + d.amount * d.winProbability, 0);
  const headline: Record<string, number | null> = {
    openDeals: open.length,
    pipelineValue,
    weightedPipelineValue,
    coverage: coverage?.coverage ?? null,
    weightedCoverage: coverage?.weightedCoverage ?? null,
    winRate: flow.winRate,
    averageCycleDays: flow.averageCycleDays,
    agedDeals: aging.length,
    agedValue: aging.reduce((s, d) => s + d.amount, 0),
    stalledDeals: stalled.length,
    stalledValue: stalled.reduce((s, d) => s + d.amount, 0),
    top5Share: spread.top5Share,
    herfindahl: spread.herfindahl,
  };
  for (const c of flow.conversions) headline[`conversion:${c.from}->${c.to}`] = c.rate;
  for (const v of flow.velocity) headline[`daysInStage:${v.stage}`] = v.averageDays;
  return { now: state.now, lookbackDays, stalledDays: stalledDaysLimit, headline, coverage, ...flow, aging, stalled, concentration: spread };
}

export type PipelineHealth = ReturnType<typeof pipelineHealth>;

/** A stored health with the coverage against a quota, from the open deals' amounts, close dates and probabilities alone. */
export function withQuotaCoverage(health: PipelineHealth, openDeals: readonly PipelineDeal[], quota: QuotaPeriod): PipelineHealth {
  if (!(Number.isFinite(quota.amount) && quota.amount >= 0)) {
    throw new ForecastInputError('invalid-quota', `Quota for ${quota.key} must be a finite number ≥ 0 (got ${String(quota.amount)})`);
  }
  const coverage = pipelineCoverage(openDeals, quota);
  return { ...health, coverage, headline: { ...health.headline, coverage: coverage.coverage, weightedCoverage: coverage.weightedCoverage } };
}

export interface MetricTrend {
  metric: string;
  current: number | null;
  previous: number | null;
  /** current − previous; null when either is unknown. */
  change: number | null;
}

/** Each headline metric now against the same metric at an earlier moment (e.g. 90 days before). */
export function pipelineHealthTrend(current: PipelineHealth, previous: PipelineHealth): MetricTrend[] {
  return Object.entries(current.headline).map(([metric, value]) => {
    const before = previous.headline[metric] ?? null;
    return { metric, current: value, previous: before, change: value !== null && before !== null ? value - before : null };
  });
}
