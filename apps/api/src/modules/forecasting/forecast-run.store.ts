import type { DealWinPrediction } from '@hub/deal-win';
import type { BacktestResult, DealRisk, MetricTrend, PipelineDeal, PipelineHealth, RevenueForecast } from '@hub/forecasting';
import type { DataSource } from 'typeorm';
import { hubSchemaOf } from '../../core/database/hub-schema';

/** How a run was computed. */
export interface ForecastRunSettings {
  simulations: number;
  seed: number;
  /** `per-cutoff`: a model trained on the data before each cut-off; `active`: today's model at every cut-off. */
  backtestModels: 'per-cutoff' | 'active';
  rates: Record<string, number>;
  healthTrendDays: number;
}

/**
 * What a run keeps of its inputs: the open pipeline's amounts, close dates and probabilities (for
 * coverage against a quota asked later). Quota odds come from the forecast's stored distributions and
 * the health trend from `previousHealth`, so neither the deals' histories nor the state 90 days
 * before are stored (at 100,000 deals those would be hundreds of megabytes a run).
 */
export interface ForecastRunState {
  openPipeline: PipelineDeal[];
}

export interface ForecastRunResult {
  forecast: RevenueForecast | null;
  /** Why there is no forecast, and what is missing, in plain words. */
  forecastUnavailable: { message: string; missing: string[] } | null;
  backtest: BacktestResult | null;
  backtestUnavailable: string | null;
  /** Per cut-off: which model gave the probabilities. */
  backtestModels: { cutoff: number; modelVersion: string }[];
  health: PipelineHealth;
  /** Health `healthTrendDays` before (today's model), which `trend` compares with. */
  previousHealth: PipelineHealth;
  trend: MetricTrend[];
  risks: DealRisk[];
  warnings: string[];
}

export interface StoredForecastRun {
  id: number;
  asOf: number;
  createdAt: string;
  modelVersion: string;
  trigger: string;
  settings: ForecastRunSettings;
  state: ForecastRunState;
  result: ForecastRunResult;
}

/** forecast_runs (each run's inputs and results) and deal_predictions (the open deals' current predictions). */
export class ForecastRunStore {
  private readonly s: string;

  constructor(private readonly dataSource: DataSource) {
    this.s = hubSchemaOf(dataSource);
  }

  /** Stores a run and, in the same transaction, replaces the stored predictions with this run's. */
  async insert(run: Omit<StoredForecastRun, 'id' | 'createdAt'>, predictions: readonly DealWinPrediction[]): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`DELETE FROM ${this.s}.deal_predictions`);
      for (let start = 0; start < predictions.length; start += 500) {
        const page = predictions.slice(start, start + 500).map((p) => ({
          deal_id: p.dealId, probability: p.probability, confidence: p.confidence, factors: p.factors, base_logit: p.baseLogOdds,
          method: p.method, model_version: p.modelVersion, as_of: p.asOf,
        }));
        await manager.query(`
          INSERT INTO ${this.s}.deal_predictions (deal_id, probability, confidence, factors, base_logit, method, model_version, as_of)
          SELECT deal_id, probability, confidence, factors, base_logit, method, model_version, as_of
          FROM json_to_recordset($1::json) AS x(deal_id bigint, probability float8, confidence float8, factors jsonb, base_logit float8,
            method text, model_version text, as_of timestamptz)`, [JSON.stringify(page)]);
      }
      const [{ id }] = await manager.query(`
        INSERT INTO ${this.s}.forecast_runs (as_of, model_version, trigger, settings, state, result)
        VALUES ($1, $2, $3, $4, $5, $6) RETURNING id::int AS id`,
      [new Date(run.asOf).toISOString(), run.modelVersion, run.trigger, JSON.stringify(run.settings), JSON.stringify(run.state), JSON.stringify(run.result)]);
      return id;
    });
  }

  /** The newest run, or null before the first. */
  async latest(): Promise<StoredForecastRun | null> {
    const rows = await this.dataSource.query(`
      SELECT id::int AS id, as_of, created_at, model_version, trigger, settings, state, result
      FROM ${this.s}.forecast_runs ORDER BY id DESC LIMIT 1`);
    const row = rows[0];
    if (!row) return null;
    const state = typeof row.state === 'string' ? JSON.parse(row.state) : row.state;
    return {
      id: row.id, asOf: new Date(row.as_of).getTime(), createdAt: new Date(row.created_at).toISOString(), modelVersion: row.model_version,
      trigger: row.trigger, settings: row.settings, state, result: row.result,
    };
  }
}
