import { DEAL_RULES_VERSION, dealContext, DealNotOpenError, predictDealWin, type DealWinPrediction } from '@hub/deal-win';
import { DAY_MS, ForecastInputError, forecastRevenue, pipelineHealth, pipelineHealthTrend, rankDealRisks, type ClosedOutcome } from '@hub/forecasting';
import type { DataSource } from 'typeorm';
import { hubSchemaOf } from '../../core/database/hub-schema';
import { subscriptionRows } from './deal-history.queries';
import { DealWinEngine, type ProgressOptions } from './deal-win.engine';
import { BACKTEST_QUARTERS, backtestWorld } from './forecast-backtest';
import { ForecastRunStore, type ForecastRunResult, type ForecastRunSettings } from './forecast-run.store';
import { forecastDealOf, rulesScorerAt, scorerLevelSd, scorerVersion, stateAt, subscriptionStates, type DealWorld, type WinScorer } from './forecast-state';
import { currencyWarnings, withKnownCurrency } from './reporting-currency';

export const FORECAST_SIMULATIONS = 10_000;
export const FORECAST_SEED = 1;
export const HEALTH_TREND_DAYS = 90;

export interface RecomputeOutcome {
  runId: number;
  asOf: number;
  modelVersion: string;
  openDeals: number;
  result: ForecastRunResult;
}

/**
 * Recomputes the forecast over the store: predicts every open deal (stored in deal_predictions),
 * builds the state now, forecasts, backtests at the last six quarter starts, measures pipeline health
 * now and 90 days ago, ranks the risks, and stores it all as one forecast run.
 * Progress: 0-30 loading, 30-45 predicting, 45-55 forecasting, 55-90 backtesting, 90-100 health and storing.
 */
export class ForecastEngine {
  readonly deals: DealWinEngine;
  readonly runs: ForecastRunStore;

  constructor(private readonly dataSource: DataSource, readonly rates: Readonly<Record<string, number>>) {
    this.deals = new DealWinEngine(dataSource, rates);
    this.runs = new ForecastRunStore(dataSource);
  }

  async loadWorld(options: ProgressOptions = {}): Promise<{ world: DealWorld; warnings: string[] }> {
    const { snapshots, skipped } = await this.deals.loadDeals(options, 1, 30);
    const subscriptions = withKnownCurrency(await subscriptionRows(this.dataSource), (row) => row.currency, this.rates);
    const names: { id: number; name: string }[] = await this.dataSource.query(`SELECT id::float8 AS id, name FROM ${hubSchemaOf(this.dataSource)}.deals`);
    return {
      world: {
        snapshots, context: dealContext(snapshots, { rates: this.rates }), names: new Map(names.map((row) => [row.id, row.name])),
        subscriptions: subscriptionStates(subscriptions.kept, this.rates),
      },
      warnings: [...currencyWarnings(skipped, 'deals'), ...currencyWarnings(subscriptions.skipped, 'subscriptions')],
    };
  }

  async recompute(trigger: string, options: ProgressOptions & { backtestModels?: ForecastRunSettings['backtestModels'] } = {}): Promise<RecomputeOutcome> {
    const report = async (percent: number, message: string) => options.onProgress?.(percent, message);
    const settings: ForecastRunSettings = {
      simulations: FORECAST_SIMULATIONS, seed: FORECAST_SEED, backtestModels: options.backtestModels ?? 'per-cutoff', rates: { ...this.rates },
      healthTrendDays: HEALTH_TREND_DAYS,
    };
    // Events at the data's very end count as known: the forecast stands just after them.
    const now = (await this.deals.loader.dataEnd()) + 1;
    const { world, warnings } = await this.loadWorld(options);
    const active = await this.deals.activeModel();
    const scorer: WinScorer = active ? { method: 'model', model: active.model } : rulesScorerAt(world.snapshots, now);
    const modelVersion = scorerVersion(scorer, DEAL_RULES_VERSION);
    this.deals.checkCancelled(options);

    await report(30, `predicting open deals with ${modelVersion}`);
    const predictions = this.predictOpen(world, now, scorer);
    const history = stateAt(world, now, scorer).state.history;
    const state = {
      now, history, subscriptions: world.subscriptions, winProbabilityLevelSd: scorerLevelSd(scorer),
      openDeals: predictions.map((p) => forecastDealOf(p.facts, p.probability, world.names.get(p.dealId))),
    };

    await report(45, 'backtesting at the last six quarter starts');
    const outcomes: ClosedOutcome[] = history.map((h) => ({ dealId: h.dealId, amount: h.amount, closedAt: h.closedAt, won: h.won }));
    let done = 0;
    const backtest = backtestWorld(world, now, outcomes, scorer, settings, (cutoff) => {
      this.deals.checkCancelled(options);
      void report(45 + (40 * ++done) / BACKTEST_QUARTERS, `backtest cut-off ${new Date(cutoff).toISOString().slice(0, 10)}`);
    });
    // After the backtest: the forecast's interval learns from how far its past forecasts missed.
    await report(85, `simulating ${settings.simulations.toLocaleString('en')} futures of ${predictions.length.toLocaleString('en')} open deals`);
    let forecast: ForecastRunResult['forecast'] = null;
    let forecastUnavailable: ForecastRunResult['forecastUnavailable'] = null;
    try {
      forecast = forecastRevenue(state, {
        simulations: settings.simulations, seed: settings.seed, pastErrors: backtest.backtest?.pastErrors ?? [], keepDistribution: true,
      });
    } catch (error) {
      if (!(error instanceof ForecastInputError) || error.code !== 'insufficient-history') throw error;
      forecastUnavailable = { message: error.message, missing: [...error.missing] };
    }
    this.deals.checkCancelled(options);

    await report(90, 'pipeline health and deal risks');
    const previous = { ...stateAt(world, now - HEALTH_TREND_DAYS * DAY_MS, scorer).state, subscriptions: [] };
    const health = pipelineHealth(state);
    const previousHealth = pipelineHealth(previous);
    const result: ForecastRunResult = {
      forecast, forecastUnavailable, ...backtest, health, previousHealth, trend: pipelineHealthTrend(health, previousHealth),
      risks: rankDealRisks(state.openDeals, now), warnings: [...warnings, ...(forecast?.warnings ?? [])],
    };
    const openPipeline = state.openDeals.map(({ amount, expectedCloseAt, winProbability }) => ({ amount, expectedCloseAt, winProbability }));
    const runId = await this.runs.insert({ asOf: now, modelVersion, trigger, settings, state: { openPipeline }, result }, predictions);
    await report(100, `forecast run ${runId} stored`);
    return { runId, asOf: now, modelVersion, openDeals: predictions.length, result };
  }

  /** Explained predictions of every deal open at `at`, as `GET /api/deals/:id/prediction` gives them. */
  predictOpen(world: DealWorld, at: number, scorer: WinScorer): DealWinPrediction[] {
    const model = scorer.method === 'model' ? scorer.model : null;
    const options = scorer.method === 'rules' ? { stageWinRates: scorer.rates } : {};
    return world.snapshots.flatMap((snapshot) => {
      try {
        return [predictDealWin(model, snapshot, at, world.context, options)];
      } catch (error) {
        if (error instanceof DealNotOpenError) return [];
        throw error;
      }
    });
  }
}
