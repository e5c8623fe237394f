import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { JobView, LeadModelRegistryView } from '@hub/contracts';
import type { Request, Response } from 'express';
import { RequireScope } from '../../core/auth/auth.decorators';
import { principalOf } from '../../core/auth/hub-principal';
import { HubProblem } from '../../core/http/problem-details.filter';
import { Audited } from '../audit/audited.decorator';
import { LeadScoringService } from './lead-scoring.service';

@ApiTags('models')
@Controller('models/lead-score')
export class LeadModelsController {
  constructor(private readonly leadScoring: LeadScoringService) {}

  @Get()
  @RequireScope('read')
  @ApiOperation({ summary: 'The lead model registry: versions, the active one with its held-out metrics, and data sufficiency' })
  @ApiOkResponse({ description: '`method` says what scores now: `model`, or `rules` while no model is active.' })
  registry(): Promise<LeadModelRegistryView> {
    return this.leadScoring.registry();
  }

  @Post('train')
  @HttpCode(202)
  @RequireScope('write')
  @Audited('lead.model.train.request', { subjectType: 'model', detail: (job: JobView) => ({ jobId: job.id }) })
  @ApiOperation({
    summary: 'Train a lead model (a job): labelled leads, time split, learner chosen by validation, calibration, held-out metrics',
    description: 'Registers the model as the active version and rescores the open leads. Below 50 known conversions nothing is registered and the rules keep scoring.',
  })
  @ApiAcceptedResponse({ description: 'The job; follow it at Location or over Socket.IO.' })
  async train(@Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<JobView> {
    const job = await this.leadScoring.train(principalOf(request)?.keyId ?? 'anonymous');
    response.setHeader('Location', `/api/jobs/${job.id}`);
    return job;
  }

  @Post('rollback')
  @HttpCode(200)
  @RequireScope('write')
  @Audited('lead.model.rollback', { subjectType: 'model', modelVersion: (view: LeadModelRegistryView) => view.active?.label })
  @ApiOperation({ summary: 'Make an older version active (default: the one before the active one); the open leads are rescored by a job' })
  @ApiBody({ required: false, schema: { type: 'object', properties: { version: { type: 'integer', example: 2 } } } })
  rollback(@Body() body: unknown, @Req() request: Request): Promise<LeadModelRegistryView> {
    const version = (body as { version?: unknown } | undefined)?.version;
    if (version !== undefined && !(Number.isSafeInteger(version) && (version as number) > 0)) {
      throw new HubProblem(400, 'invalid-parameter', 'version must be a positive integer', { parameter: 'version' });
    }
    return this.leadScoring.rollback(version as number | undefined, principalOf(request)?.keyId ?? 'anonymous');
  }
}
