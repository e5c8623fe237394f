import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { type JobList, type JobState, type JobView, QUEUE_NAMES, type QueueName } from '@hub/contracts';
import { HubProblem } from '../../core/http/problem-details.filter';
import { JobsService } from '../../core/queue/jobs.service';

const STATES: JobState[] = ['waiting', 'active', 'completed', 'failed', 'cancelled', 'delayed'];

@ApiTags('jobs')
@Controller('jobs')
export class JobsController {
  constructor(private readonly jobs: JobsService) {}

  @Get()
  @ApiOperation({ summary: 'Recent jobs, newest first' })
  @ApiQuery({ name: 'queue', required: false, enum: QUEUE_NAMES })
  @ApiQuery({ name: 'state', required: false, enum: STATES })
  @ApiQuery({ name: 'limit', required: false, type: Number })
  async list(@Query('queue') queue?: string, @Query('state') state?: string, @Query('limit') limit = '50'): Promise<JobList> {
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
    return { items: await this.jobs.list({ queue: queue as QueueName | undefined, state: state as JobState | undefined, limit: count }) };
  }

  @Get(':id')
  @ApiOperation({ summary: 'A job: state, progress, result or error' })
  get(@Param('id') id: string): Promise<JobView> {
    return this.jobs.get(id);
  }

  @Post(':id/cancel')
  @HttpCode(202)
  @ApiOperation({ summary: 'Cancel a waiting or running job' })
  cancel(@Param('id') id: string): Promise<JobView> {
    return this.jobs.cancel(id);
  }
}
