import type { ModelVersionView } from '../lead-scoring/lead-model-registry';

/** Closed deals against what a trained deal-win model needs; below it the stage rules score. */
export interface DealWinSufficiencyView {
  wins: number;
  winsNeeded: number;
  closedDeals: number;
  closedDealsNeeded: number;
  /** min(wins / needed, closed / needed), capped at 1: the dashboard's meter. */
  ratio: number;
  sufficient: boolean;
  /** What is missing, in words (or that the data suffices). */
  reason: string;
}

/**
 * `GET /api/models/deal-win`. A version's `training_window` reads as for lead models, with
 * `horizon_days` the outcome horizon (deals created later are left out) and `qualification_days`
 * the first sample age (days after creation a deal is first seen in training).
 */
export interface DealWinRegistryView {
  kind: 'deal-win';
  /** What predicts now: the active model, or the stage rules when none is active. */
  method: 'model' | 'rules';
  active: ModelVersionView | null;
  versions: ModelVersionView[];
  sufficiency: DealWinSufficiencyView;
  /** The reporting currency and the rates (units per 1 EUR) amounts are converted with. */
  currency: 'EUR';
  rates: Record<string, number>;
}

/** `TrainDealWinModelJob` payload (queue `hub-forecasting`, job name `train-deal-win`). */
export interface TrainDealWinJobData {
  requestedBy: string;
}

/** What the training job (and `hub train deal-win`) reports. */
export interface TrainDealWinResult {
  /** `model` when a version was registered; `rules` when data was insufficient (nothing registered). */
  outcome: 'model' | 'rules';
  version: ModelVersionView | null;
  sufficiency: DealWinSufficiencyView;
  reason?: string;
  /** Deals skipped because their currency has no EUR rate, by currency. */
  skippedCurrencies: Record<string, number>;
  /** The forecast recompute queued after training (null when the queue is down or from the CLI). */
  recomputeJobId: string | null;
  durationMs: number;
}

/** `RecomputeForecastJob` payload (queue `hub-forecasting`, job name `recompute-forecast`). */
export interface RecomputeForecastJobData {
  requestedBy: string;
  /** `api`, `schedule`, `training`, `cli`. */
  trigger: string;
}

export interface RecomputeForecastResult {
  runId: number;
  asOf: string;
  modelVersion: string;
  openDeals: number;
  /** Null when there is not enough history for a forecast (see the run's `forecastUnavailable`). */
  nextQuarterExpected: number | null;
  backtestCoverage: number | null;
  durationMs: number;
}
