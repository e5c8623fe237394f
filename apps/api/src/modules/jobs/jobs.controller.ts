import { Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { grantsScope, type JobList, type JobState, type JobView, QUEUE_NAMES, type QueueName } from '@hub/contracts';
import type { Request } from 'express';
import { RequireScope } from '../../core/auth/auth.decorators';
import { type HubPrincipal, principalOf } from '../../core/auth/hub-principal';
import { HubProblem } from '../../core/http/problem-details.filter';
import { JobsService } from '../../core/queue/jobs.service';

const STATES: JobState[] = ['waiting', 'active', 'completed', 'failed', 'cancelled', 'delayed'];

/** A key sees the jobs it started; an admin key sees every job. */
function maySee(principal: HubPrincipal | undefined, job: JobView): boolean {
  return !principal || grantsScope(principal.scopes, 'admin') || job.requestedBy === principal.keyId;
}

@ApiTags('jobs')
@Controller('jobs')
export class JobsController {
  constructor(private readonly jobs: JobsService) {}

  private async visible(id: string, request: Request): Promise<JobView> {
    const job = await this.jobs.get(id);
    // Someone else's job is answered exactly like a missing one: ids are not to be probed.
    if (!maySee(principalOf(request), job)) throw new HubProblem(404, 'job-not-found', `No job ${id} exists (finished jobs are kept for 7 days, failed ones for 30).`);
    return job;
  }

  @Get()
  @RequireScope('read')
  @ApiOperation({ summary: 'Recent jobs, newest first (a key sees its own; admin keys see all)' })
  @ApiQuery({ name: 'queue', required: false, enum: QUEUE_NAMES })
  @ApiQuery({ name: 'state', required: false, enum: STATES })
  @ApiQuery({ name: 'limit', required: false, type: Number })
  async list(@Req() request: Request, @Query('queue') queue?: string, @Query('state') state?: string, @Query('limit') limit = '50'): Promise<JobList> {
    if (queue !== undefined && !QUEUE_NAMES.includes(queue as QueueName)) {
      throw new HubProblem(400, 'invalid-parameter', `queue must be one of ${QUEUE_NAMES.join(', ')}`, { parameter: 'queue' });
    }
    if (state !== undefined && !STATES.includes(state as JobState)) {
      throw new HubProblem(400, 'invalid-parameter', `state must be one of ${STATES.join(', ')}`, { parameter: 'state' });
    }
    const count = Number(limit);
    if (!Number.isInteger(count) || count < 1 || count > 500) {
      throw new HubProblem(400, 'invalid-parameter', 'limit must be a whole number from 1 to 500', { parameter: 'limit' });
    }
    const items = await this.jobs.list({ queue: queue as QueueName | undefined, state: state as JobState | undefined, limit: count });
    const principal = principalOf(request);
    return { items: items.filter((job) => maySee(principal, job)) };
  }

  @Get(':id')
  @RequireScope('read')
  @ApiOperation({ summary: 'A job: state, progress, result or error' })
  get(@Param('id') id: string, @Req() request: Request): Promise<JobView> {
    return this.visible(id, request);
  }

  @Post(':id/cancel')
  @RequireScope('write')
  @HttpCode(202)
  @ApiOperation({ summary: 'Cancel a waiting or running job' })
  async cancel(@Param('id') id: string, @Req() request: Request): Promise<JobView> {
    await this.visible(id, request);
    return this.jobs.cancel(id);
  }
}
