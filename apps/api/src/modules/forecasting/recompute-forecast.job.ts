import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { RecomputeForecastJobData, RecomputeForecastResult } from '@hub/contracts';
import type { Job } from 'bullmq';
import type { DataSource } from 'typeorm';
import { HUB_CONFIG, type HubConfig } from '../../core/config/hub-config';
import type { JobContext } from '../../core/queue/job-handler';
import { AuditService } from '../audit/audit.service';
import { WebhooksService } from '../webhooks/webhooks.service';
import { ForecastEngine, type RecomputeOutcome } from './forecast.engine';

/** What `forecast.updated` carries: enough for a CRM to show the headline without calling back. */
export function forecastUpdatedPayload(outcome: RecomputeOutcome, trigger: string) {
  const quarter = outcome.result.forecast?.quarters[0] ?? null;
  return {
    run_id: outcome.runId, as_of: new Date(outcome.asOf).toISOString(), trigger, model_version: outcome.modelVersion, open_deals: outcome.openDeals,
    currency: 'EUR',
    current_quarter: quarter && { key: quarter.key, expected: Math.round(quarter.expected), p10: Math.round(quarter.p10), p50: Math.round(quarter.p50), p90: Math.round(quarter.p90) },
    backtest: outcome.result.backtest && { mape: outcome.result.backtest.mape, coverage: outcome.result.backtest.coverage },
    at_risk_deals: outcome.result.risks.length,
  };
}

/**
 * `RecomputeForecastJob` (`recompute-forecast` on hub-forecasting): after each training, nightly on
 * HUB_FORECAST_CRON, and on request. Stores a forecast run, announces it as `forecast.updated`.
 */
@Injectable()
export class RecomputeForecastJob {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    private readonly webhooks: WebhooksService,
  ) {}

  async run(job: Job<RecomputeForecastJobData>, context: JobContext): Promise<RecomputeForecastResult> {
    const started = performance.now();
    const outcome = await new ForecastEngine(this.dataSource, this.config.forecasting.fxRates).recompute(job.data.trigger, {
      onProgress: (percent, message) => context.report(percent, message), signal: context.signal, jobId: job.id,
    });
    await this.webhooks.emit('forecast.updated', forecastUpdatedPayload(outcome, job.data.trigger));
    const result: RecomputeForecastResult = {
      runId: outcome.runId, asOf: new Date(outcome.asOf).toISOString(), modelVersion: outcome.modelVersion, openDeals: outcome.openDeals,
      nextQuarterExpected: outcome.result.forecast?.quarters[0]?.expected ?? null, backtestCoverage: outcome.result.backtest?.coverage ?? null,
      durationMs: Math.round(performance.now() - started),
    };
    await new AuditService(this.dataSource).recordQuietly({
      keyId: job.data.requestedBy, operation: 'forecast.recompute', outcome: 'ok', subjectType: 'forecast', modelVersion: outcome.modelVersion,
      durationMs: result.durationMs, detail: { runId: result.runId, trigger: job.data.trigger, openDeals: result.openDeals, backtestCoverage: result.backtestCoverage },
    });
    return result;
  }
}
