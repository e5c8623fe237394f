import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import {
  LEAD_LIST_PAGE_SIZE_DEFAULT, LEAD_LIST_PAGE_SIZE_MAX, type LeadListPage, scoreLeadRequestSchema, type ScoreLeadResponse,
} from '@hub/contracts';
import { RequireScope } from '../../core/auth/auth.decorators';
import { HubProblem } from '../../core/http/problem-details.filter';
import { Audited } from '../audit/audited.decorator';
import { OPEN_LEAD_STAGES } from './lead-snapshot.loader';
import { LeadScoringService } from './lead-scoring.service';

function integerParameter(name: string, raw: string | undefined, min: number, max: number): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new HubProblem(400, 'invalid-parameter', `${name} must be a whole number from ${min} to ${max}; got ${raw}`, { parameter: name });
  }
  return value;
}

@ApiTags('leads')
@Controller()
export class LeadsController {
  constructor(private readonly leadScoring: LeadScoringService) {}

  @Post('mcp/score-lead')
  @HttpCode(200)
  @RequireScope('read')
  @Audited('lead.score', {
    subjectType: 'contact',
    subjectIds: (r: ScoreLeadResponse) => [r.contact_id, ...(r.deal_id === undefined ? [] : [r.deal_id])],
    modelVersion: (r: ScoreLeadResponse) => r.model_version,
    detail: (r: ScoreLeadResponse) => ({ score: r.score, method: r.method, confidence: r.confidence, ...(r.deal_id === undefined ? {} : { deal_id: r.deal_id }) }),
  })
  @ApiOperation({
    summary: 'Score a lead: {"contact_id": 123, "deal_id": 456} → {"score", "confidence", "factors", "recommendation"}',
    description: '`deal_id` is optional (it must be a deal of the contact). `factor_details` carries every factor with its signed contribution in log-odds; base_logit + Σ contribution = logit(probability).',
  })
  @ApiBody({ schema: { type: 'object', required: ['contact_id'], properties: { contact_id: { type: 'integer', example: 123 }, deal_id: { type: 'integer', example: 456 } } } })
  @ApiOkResponse({ description: 'The score with its factors, confidence and recommendation.' })
  scoreLead(@Body() body: unknown): Promise<ScoreLeadResponse> {
    const parsed = scoreLeadRequestSchema.safeParse(body ?? {});
    if (!parsed.success) {
      const detail = parsed.error.issues.map((issue) => (issue.path.length > 0 && !issue.message.startsWith(String(issue.path[0])) ? `${issue.path.join('.')}: ${issue.message}` : issue.message)).join('; ');
      throw new HubProblem(400, 'invalid-request', `${detail} (send {"contact_id": 123} or {"contact_id": 123, "deal_id": 456})`);
    }
    return this.leadScoring.scoreLead(parsed.data);
  }

  @Get('leads')
  @RequireScope('read')
  @ApiOperation({ summary: 'Open leads by score, best first, with percentile, top factors and recommendation' })
  @ApiQuery({ name: 'page', required: false, type: Number })
  @ApiQuery({ name: 'page_size', required: false, type: Number })
  @ApiQuery({ name: 'min_score', required: false, type: Number })
  @ApiQuery({ name: 'owner_id', required: false, type: Number })
  @ApiQuery({ name: 'stage', required: false, enum: OPEN_LEAD_STAGES })
  list(
    @Query('page') page?: string,
    @Query('page_size') pageSize?: string,
    @Query('min_score') minScore?: string,
    @Query('owner_id') ownerId?: string,
    @Query('stage') stage?: string,
  ): Promise<LeadListPage> {
    if (stage !== undefined && !OPEN_LEAD_STAGES.includes(stage)) {
      throw new HubProblem(400, 'invalid-parameter', `stage must be one of ${OPEN_LEAD_STAGES.join(', ')}`, { parameter: 'stage' });
    }
    return this.leadScoring.listLeads({
      page: integerParameter('page', page, 1, 1_000_000) ?? 1,
      pageSize: integerParameter('page_size', pageSize, 1, LEAD_LIST_PAGE_SIZE_MAX) ?? LEAD_LIST_PAGE_SIZE_DEFAULT,
      minScore: integerParameter('min_score', minScore, 0, 100),
      ownerId: integerParameter('owner_id', ownerId, 1, Number.MAX_SAFE_INTEGER),
      ...(stage === undefined ? {} : { stage }),
    });
  }
}
