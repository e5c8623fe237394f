import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import {
  defaultSortOrder, LEAD_LIST_PAGE_SIZE_DEFAULT, LEAD_LIST_PAGE_SIZE_MAX, LEAD_SORT_KEYS, type LeadListPage, type LeadSortKey,
  scoreLeadRequestSchema, type ScoreLeadResponse, type SortOrder, type StoredLeadScoreView,
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

function sortParameters(sort: string | undefined, order: string | undefined): { sort: LeadSortKey; order: SortOrder } {
  const key = sort === undefined || sort === '' ? 'score' : sort;
  if (!(LEAD_SORT_KEYS as readonly string[]).includes(key)) {
    throw new HubProblem(400, 'invalid-parameter', `sort must be one of ${LEAD_SORT_KEYS.join(', ')}; got ${sort}`, { parameter: 'sort' });
  }
  if (order !== undefined && order !== '' && order !== 'asc' && order !== 'desc') {
    throw new HubProblem(400, 'invalid-parameter', `order must be asc or desc; got ${order}`, { parameter: 'order' });
  }
  return { sort: key as LeadSortKey, order: order === 'asc' || order === 'desc' ? order : defaultSortOrder(key as LeadSortKey) };
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
  @ApiOperation({
    summary: 'Open leads by score, best first, with percentile, top factors and recommendation',
    description: '`sort` orders by score (default), percentile, confidence, name or company; `order` is asc or desc (default: numbers desc, names asc). Ties go by contact id.',
  })
  @ApiQuery({ name: 'page', required: false, type: Number })
  @ApiQuery({ name: 'page_size', required: false, type: Number })
  @ApiQuery({ name: 'min_score', required: false, type: Number })
  @ApiQuery({ name: 'owner_id', required: false, type: Number })
  @ApiQuery({ name: 'stage', required: false, enum: OPEN_LEAD_STAGES })
  @ApiQuery({ name: 'sort', required: false, enum: LEAD_SORT_KEYS })
  @ApiQuery({ name: 'order', required: false, enum: ['asc', 'desc'] })
  list(
    @Query('page') page?: string,
    @Query('page_size') pageSize?: string,
    @Query('min_score') minScore?: string,
    @Query('owner_id') ownerId?: string,
    @Query('stage') stage?: string,
    @Query('sort') sort?: string,
    @Query('order') order?: string,
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
      ...sortParameters(sort, order),
    });
  }

  @Get('leads/:contactId')
  @RequireScope('read')
  @ApiOperation({
    summary: 'A lead\'s stored score with every factor (read only: nothing is rescored or audited)',
    description: 'To score the lead as it stands now, POST /api/mcp/score-lead. 404 names the contact when it does not exist or has no stored score.',
  })
  @ApiParam({ name: 'contactId', type: Number })
  @ApiOkResponse({ description: 'The score as last stored: base_logit + Σ factor_details.contribution = logit(probability).' })
  storedScore(@Param('contactId') contactId: string): Promise<StoredLeadScoreView> {
    return this.leadScoring.storedScore(integerParameter('contactId', contactId, 1, Number.MAX_SAFE_INTEGER)!);
  }
}
