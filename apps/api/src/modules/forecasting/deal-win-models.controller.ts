import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { DealWinRegistryView, JobView } from '@hub/contracts';
import type { Request, Response } from 'express';
import { RequireScope } from '../../core/auth/auth.decorators';
import { principalOf } from '../../core/auth/hub-principal';
import { HubProblem } from '../../core/http/problem-details.filter';
import { Audited } from '../audit/audited.decorator';
import { ForecastingService } from './forecasting.service';

@ApiTags('models')
@Controller('models/deal-win')
export class DealWinModelsController {
  constructor(private readonly forecasting: ForecastingService) {}

  @Get()
  @RequireScope('read')
  @ApiOperation({ summary: 'The deal-win model registry: versions, the active one with its held-out metrics, data sufficiency and currency rates' })
  @ApiOkResponse({ description: '`method` says what predicts now: `model`, or `rules` (stage win rates) while no model is active.' })
  registry(): Promise<DealWinRegistryView> {
    return this.forecasting.registry();
  }

  @Post('train')
  @HttpCode(202)
  @RequireScope('write')
  @Audited('deal.model.train.request', { subjectType: 'model', detail: (job: JobView) => ({ jobId: job.id }) })
  @ApiOperation({
    summary: 'Train a deal-win model (a job): closed deals sampled while open, time split, learner chosen by validation, calibration, held-out metrics',
    description: 'Registers the model as the active version and queues a forecast recompute. Below 50 won and 200 closed deals nothing is registered and the stage rules keep predicting.',
  })
  @ApiAcceptedResponse({ description: 'The job; follow it at Location or over Socket.IO.' })
  async train(@Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<JobView> {
    const job = await this.forecasting.train(principalOf(request)?.keyId ?? 'anonymous');
    response.setHeader('Location', `/api/jobs/${job.id}`);
    return job;
  }

  @Post('rollback')
  @HttpCode(200)
  @RequireScope('write')
  @Audited('deal.model.rollback', { subjectType: 'model', modelVersion: (view: DealWinRegistryView) => view.active?.label })
  @ApiOperation({ summary: 'Make an older version active (default: the one before the active one); the forecast is recomputed by a job' })
  @ApiBody({ required: false, schema: { type: 'object', properties: { version: { type: 'integer', example: 2 } } } })
  rollback(@Body() body: unknown, @Req() request: Request): Promise<DealWinRegistryView> {
    const version = (body as { version?: unknown } | undefined)?.version;
    if (version !== undefined && !(Number.isSafeInteger(version) && (version as number) > 0)) {
      throw new HubProblem(400, 'invalid-parameter', 'version must be a positive integer', { parameter: 'version' });
    }
    return this.forecasting.rollback(version as number | undefined, principalOf(request)?.keyId ?? 'anonymous');
  }
}
