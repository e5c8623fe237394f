import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  type DealPredictionView, type DealRisksView, type DealWinRegistryView, type ForecastReportView, type JobView, type PipelineHealthView, QUEUES,
  type RecomputeForecastJobData, type TrainDealWinJobData,
} from '@hub/contracts';
import { DEAL_WIN_MODEL_KIND, dealContext, dealFactsAt, predictDealWin, type DealContext, type DealSnapshot } from '@hub/deal-win';
import { ForecastInputError, pipelineHealthTrend, riskFlags, withQuotaCoverage, withQuotas } from '@hub/forecasting';
import type { DataSource } from 'typeorm';
import { HUB_CONFIG, type HubConfig } from '../../core/config/hub-config';
import { HubProblem } from '../../core/http/problem-details.filter';
import { JobsService } from '../../core/queue/jobs.service';
import { contextSnapshots } from './deal-history.queries';
import { sufficiencyView } from './deal-win.engine';
import { ForecastEngine } from './forecast.engine';
import { quotaPeriod, parseQuotas } from './forecast-query';
import type { StoredForecastRun } from './forecast-run.store';
import { forecastDealOf, rulesScorerAt } from './forecast-state';
import { dealPredictionView, dealRiskView, forecastReportView, pipelineHealthView, runView } from './forecast-views.mapper';
import { dealsWithKnownCurrency } from './reporting-currency';

/** The context of every deal and the data's end are reused this long between live predictions. */
const CACHE_MS = 30_000;
const NO_RUN = 'No forecast has been computed yet: run POST /api/forecast/recompute (or `npm run -s hub -- train deal-win`, which recomputes after training) and ask again once the job has finished.';

/** Deal-win models and the forecast for REST and MCP; the heavy work runs in the jobs (ForecastEngine). */
@Injectable()
export class ForecastingService {
  readonly engine: ForecastEngine;
  private cache?: { at: number; dataEnd: number; snapshots: DealSnapshot[]; context: DealContext };

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(HUB_CONFIG) config: HubConfig,
    private readonly jobs: JobsService,
  ) {
    this.engine = new ForecastEngine(dataSource, config.forecasting.fxRates);
  }

  async registry(): Promise<DealWinRegistryView> {
    const [versions, sufficiency] = await Promise.all([this.engine.deals.registry.versions(), this.engine.deals.sufficiency()]);
    const active = versions.find((v) => v.status === 'active') ?? null;
    return { kind: DEAL_WIN_MODEL_KIND, method: active ? 'model' : 'rules', active, versions, sufficiency: sufficiencyView(sufficiency), currency: 'EUR', rates: { ...this.engine.rates } };
  }

  train(requestedBy: string): Promise<JobView> {
    const data: TrainDealWinJobData = { requestedBy };
    return this.jobs.submit(QUEUES.forecasting, 'train-deal-win', data, { attempts: 2, backoff: { type: 'exponential', delay: 5000 } });
  }

  recompute(requestedBy: string, trigger = 'api'): Promise<JobView> {
    const data: RecomputeForecastJobData = { requestedBy, trigger };
    return this.jobs.submit(QUEUES.forecasting, 'recompute-forecast', data, { attempts: 2, backoff: { type: 'exponential', delay: 5000 } });
  }

  /** Activates an older version and queues a recompute with it (when the queue is up; the rollback stands either way). */
  async rollback(version: number | undefined, requestedBy: string): Promise<DealWinRegistryView & { recompute_job: JobView | null }> {
    await this.engine.deals.registry.rollback(version);
    this.cache = undefined;
    const job = (await this.jobs.isRedisUp()) ? await this.recompute(requestedBy, 'rollback') : null;
    return { ...(await this.registry()), recompute_job: job };
  }

  /** The latest run's forecast; with quotas, their odds from each period's stored distribution (withQuotas). */
  async forecast(quotaParameter?: string | string[]): Promise<ForecastReportView> {
    const quotas = parseQuotas(quotaParameter);
    const run = await this.latestRun();
    if (!run.result.forecast) {
      const missing = run.result.forecastUnavailable?.missing ?? [];
      const reason = (run.result.forecastUnavailable?.message ?? 'There is not enough history for a forecast').replace(/\.?$/, '.');
      throw new HubProblem(409, 'forecast-needs-history',
        `${reason}${missing.length > 0 ? ` Missing: ${missing.join('; ')}.` : ''} Import them (e.g. a bundle with closed deals and their stage history) and recompute (POST /api/forecast/recompute).`,
        { missing, run_id: run.id });
    }
    let forecast = run.result.forecast;
    if (Object.keys(quotas).length > 0) {
      try {
        forecast = withQuotas(forecast, quotas);
      } catch (error) {
        if (error instanceof ForecastInputError && error.code === 'invalid-quota') throw new HubProblem(400, 'invalid-quota', error.message, { parameter: 'quota' });
        if (error instanceof ForecastInputError) throw new HubProblem(409, 'forecast-needs-recompute', `${error.message} (POST /api/forecast/recompute).`, { run_id: run.id });
        throw error;
      }
    }
    return forecastReportView(run, forecast);
  }

  async pipelineHealth(quotaParameter?: string | string[]): Promise<PipelineHealthView> {
    const run = await this.latestRun();
    const quota = quotaPeriod(quotaParameter, run.asOf);
    if (!quota) return pipelineHealthView(run, run.result.health, run.result.trend);
    const health = withQuotaCoverage(run.result.health, run.state.openPipeline, quota);
    return pipelineHealthView(run, health, pipelineHealthTrend(health, run.result.previousHealth));
  }

  async risks(offset: number, limit: number): Promise<DealRisksView> {
    const run = await this.latestRun();
    const all = run.result.risks;
    const items = all.slice(offset, offset + limit).map(dealRiskView);
    const next = offset + items.length;
    return { run: runView(run), currency: 'EUR', total: all.length, items, nextCursor: next < all.length ? String(next) : null };
  }

  /** The deal's win probability now, explained, with its risk flags (live, not from the last run). */
  async prediction(dealId: number): Promise<DealPredictionView> {
    const [snapshot] = await this.engine.deals.loader.load([dealId]);
    if (!snapshot) throw new HubProblem(404, 'deal-not-found', `No deal ${dealId} exists in the hub.`, { deal_id: dealId });
    const currency = (snapshot.deal.currency ?? 'EUR').toUpperCase();
    if (this.engine.rates[currency] === undefined) {
      throw new HubProblem(422, 'unknown-currency', `Deal ${dealId} is in ${currency}, which has no EUR rate: add it to HUB_FX_RATES (e.g. ${currency}=1.00) to predict it.`, { deal_id: dealId, currency });
    }
    const { dataEnd, snapshots, context } = await this.contextNow();
    const now = dataEnd + 1;
    const facts = dealFactsAt(snapshot, now, context);
    if (!facts.isOpen) {
      const outcome = facts.won ? 'won' : 'lost';
      throw new HubProblem(409, 'deal-closed',
        `Deal ${dealId} is closed (${outcome}${facts.closedAt === null ? '' : ` on ${new Date(facts.closedAt).toISOString().slice(0, 10)}`}): there is nothing left to predict.`,
        { deal_id: dealId, outcome, closed_at: facts.closedAt === null ? null : new Date(facts.closedAt).toISOString() });
    }
    const active = await this.engine.deals.activeModel();
    const rules = active ? undefined : rulesScorerAt(snapshots, now);
    const prediction = predictDealWin(active?.model ?? null, snapshot, now, context, rules?.method === 'rules' ? { stageWinRates: rules.rates } : {});
    return dealPredictionView(prediction, riskFlags(forecastDealOf(prediction.facts, prediction.probability), now));
  }

  private async latestRun(): Promise<StoredForecastRun> {
    const run = await this.engine.runs.latest();
    if (!run) throw new HubProblem(404, 'no-forecast-run', NO_RUN);
    return run;
  }

  private async contextNow() {
    const now = Date.now();
    if (!this.cache || now - this.cache.at > CACHE_MS) {
      const snapshots = dealsWithKnownCurrency(await contextSnapshots(this.dataSource), this.engine.rates).kept;
      this.cache = { at: now, dataEnd: await this.engine.deals.loader.dataEnd(), snapshots, context: dealContext(snapshots, { rates: this.engine.rates }) };
    }
    return this.cache;
  }
}
