import { DAY_MS, type ForecastDeal } from '../deal-state';
import type { StageVelocity } from './stage-flow';

export interface QuotaPeriod {
  key: string;
  start: number;
  /** Exclusive. */
  end: number;
  amount: number;
}

export interface PipelineCoverage {
  period: string;
  quota: number;
  /** Open deals expected to close in the period. */
  pipeline: number;
  weightedPipeline: number;
  coverage: number | null;
  weightedCoverage: number | null;
  /** Open deals with no expected close date, left out of the coverage. */
  dealsWithoutCloseDate: number;
}

export interface AgedDeal {
  dealId: string | number;
  stage: string;
  daysInStage: number;
  typicalMaxDays: number;
  amount: number;
}

export interface StalledDeal {
  dealId: string | number;
  stage: string;
  daysSinceStageMove: number;
  daysSinceActivity: number;
  amount: number;
}

const daysBetween = (from: number, to: number) => Math.floor((to - from) / DAY_MS);

/** What coverage against a quota reads of an open deal (a stored run keeps only this). */
export type PipelineDeal = Pick<ForecastDeal, 'amount' | 'expectedCloseAt' | 'winProbability'>;

export function pipelineCoverage(deals: readonly PipelineDeal[], quota: QuotaPeriod): PipelineCoverage {
  const inPeriod = deals.filter((d) => d.expectedCloseAt !== null && d.expectedCloseAt >= quota.start && d.expectedCloseAt < quota.end);
  const pipeline = inPeriod.reduce((s, d) => s + d.amount, 0);
  const weightedPipeline = inPeriod.reduce((s, d) => s + d.amount * d.winProbability, 0);
  return {
    period: quota.key,
    quota: quota.amount,
    pipeline,
    weightedPipeline,
    coverage: quota.amount > 0 ? pipeline / quota.amount : null,
    weightedCoverage: quota.amount > 0 ? weightedPipeline / quota.amount : null,
    dealsWithoutCloseDate: deals.filter((d) => d.expectedCloseAt === null).length,
  };
}

/** Deals in their stage for longer than the typical upper end of a stay there. */
export function agedDeals(deals: readonly ForecastDeal[], velocity: readonly StageVelocity[], now: number): AgedDeal[] {
  const typical = new Map(velocity.map((v) => [v.stage, v.typicalMaxDays]));
  return deals.flatMap((d) => {
    const limit = typical.get(d.stage);
    const daysInStage = daysBetween(d.stageEnteredAt, now);
    return limit != null && daysInStage > limit ? [{ dealId: d.dealId, stage: d.stage, daysInStage, typicalMaxDays: Math.round(limit), amount: d.amount }] : [];
  });
}

/** Deals with neither a stage move nor any activity for `stalledDays`. */
export function stalledDeals(deals: readonly ForecastDeal[], now: number, stalledDays: number): StalledDeal[] {
  return deals.flatMap((d) => {
    const daysSinceStageMove = daysBetween(d.stageEnteredAt, now);
    const daysSinceActivity = daysBetween(d.lastActivityAt ?? d.createdAt, now);
    return daysSinceStageMove >= stalledDays && daysSinceActivity >= stalledDays
      ? [{ dealId: d.dealId, stage: d.stage, daysSinceStageMove, daysSinceActivity, amount: d.amount }]
      : [];
  });
}

/** Share of pipeline value in the five largest deals, and the Herfindahl index (Σ share², 1/n when even). */
export function concentration(deals: readonly ForecastDeal[]) {
  const amounts = deals.map((d) => d.amount).sort((a, b) => b - a);
  const total = amounts.reduce((s, a) => s + a, 0);
  if (total <= 0) return { top5Share: null, herfindahl: null };
  return {
    top5Share: amounts.slice(0, 5).reduce((s, a) => s + a, 0) / total,
    herfindahl: amounts.reduce((s, a) => s + (a / total) ** 2, 0),
  };
}
