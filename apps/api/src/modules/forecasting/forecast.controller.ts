import { Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { DealPredictionView, DealRisksView, ForecastReportView, JobView, PipelineHealthView } from '@hub/contracts';
import type { Request, Response } from 'express';
import { RequireScope } from '../../core/auth/auth.decorators';
import { principalOf } from '../../core/auth/hub-principal';
import { HubProblem } from '../../core/http/problem-details.filter';
import { Audited } from '../audit/audited.decorator';
import { ForecastingService } from './forecasting.service';

const QUOTA_DOC = { name: 'quota', required: false, isArray: true, type: String, description: 'PERIOD:AMOUNT in EUR, e.g. 2026-Q1:500000 or 2026-03:150000; repeat per period' };

function wholeNumber(name: string, raw: string | undefined, min: number, max: number, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new HubProblem(400, 'invalid-parameter', `${name} must be a whole number from ${min} to ${max}; got "${raw}"`, { parameter: name });
  }
  return value;
}

@ApiTags('forecast')
@Controller()
export class ForecastController {
  constructor(private readonly forecasting: ForecastingService) {}

  @Get('forecast')
  @RequireScope('read')
  @Audited('forecast.read', { subjectType: 'forecast', modelVersion: (v: ForecastReportView) => v.run.modelVersion, detail: (v: ForecastReportView) => ({ runId: v.run.id }) })
  @ApiOperation({ summary: 'Revenue forecast per month and quarter (expected, P10/P50/P90), breakdowns, categories, and the backtest beside it' })
  @ApiQuery(QUOTA_DOC)
  @ApiOkResponse({ description: 'From the latest forecast run; with quotas, the probability of reaching each (from the run\'s stored distributions).' })
  forecast(@Query('quota') quota?: string | string[]): Promise<ForecastReportView> {
    return this.forecasting.forecast(quota);
  }

  @Post('forecast/recompute')
  @HttpCode(202)
  @RequireScope('write')
  @Audited('forecast.recompute.request', { subjectType: 'forecast', detail: (job: JobView) => ({ jobId: job.id }) })
  @ApiOperation({ summary: 'Recompute the forecast now (a job): predictions, forecast, backtest, pipeline health, risks; announced as forecast.updated' })
  @ApiAcceptedResponse({ description: 'The job; follow it at Location or over Socket.IO.' })
  async recompute(@Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<JobView> {
    const job = await this.forecasting.recompute(principalOf(request)?.keyId ?? 'anonymous');
    response.setHeader('Location', `/api/jobs/${job.id}`);
    return job;
  }

  @Get('pipeline/health')
  @RequireScope('read')
  @Audited('pipeline.health.read', { subjectType: 'forecast', modelVersion: (v: PipelineHealthView) => v.run.modelVersion, detail: (v: PipelineHealthView) => ({ runId: v.run.id }) })
  @ApiOperation({ summary: 'Pipeline health: coverage against a quota, stage conversion and velocity, cycle length, aging, stalled deals, concentration, each with its 90-day trend' })
  @ApiQuery({ ...QUOTA_DOC, isArray: false, description: 'One PERIOD:AMOUNT for the coverage, e.g. 2026-Q1:500000' })
  health(@Query('quota') quota?: string | string[]): Promise<PipelineHealthView> {
    return this.forecasting.pipelineHealth(quota);
  }

  @Get('deals/risks')
  @RequireScope('read')
  @Audited('deal.risks.read', { subjectType: 'deal', detail: (v: DealRisksView) => ({ runId: v.run.id, total: v.total, returned: v.items.length }) })
  @ApiOperation({ summary: 'Open deals with risk flags and their evidence, ranked by revenue at risk (largest first), paged' })
  @ApiQuery({ name: 'limit', required: false, type: Number })
  @ApiQuery({ name: 'cursor', required: false, type: String, description: 'nextCursor of the previous page' })
  risks(@Query('limit') limit?: string, @Query('cursor') cursor?: string): Promise<DealRisksView> {
    return this.forecasting.risks(wholeNumber('cursor', cursor, 0, 100_000_000, 0), wholeNumber('limit', limit, 1, 200, 50));
  }

  @Get('deals/:id/prediction')
  @RequireScope('read')
  @Audited('deal.predict', {
    subjectType: 'deal', subjectIds: (v: DealPredictionView) => [v.dealId], modelVersion: (v: DealPredictionView) => v.modelVersion,
    detail: (v: DealPredictionView) => ({ probability: v.probability, method: v.method, risks: v.risks.length }),
  })
  @ApiOperation({ summary: 'A deal\'s win probability now, calibrated and explained by factors (base + Σ contributions = log-odds), with its risk flags' })
  @ApiParam({ name: 'id', type: Number })
  prediction(@Param('id') id: string): Promise<DealPredictionView> {
    const dealId = Number(id);
    if (!/^\d+$/.test(id) || !Number.isSafeInteger(dealId) || dealId < 1) {
      throw new HubProblem(400, 'invalid-parameter', `deal id must be a positive whole number; got "${id}"`, { parameter: 'id' });
    }
    return this.forecasting.prediction(dealId);
  }
}
