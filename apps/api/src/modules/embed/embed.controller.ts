import { Body, Controller, Get, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { type EmbedAnswerChunk, type EmbedContext, embedAskRequestSchema } from '@hub/contracts';
import type { Request, Response } from 'express';
import { RecordScoped, RequireScope } from '../../core/auth/auth.decorators';
import { principalOf } from '../../core/auth/hub-principal';
import { HubProblem } from '../../core/http/problem-details.filter';
import { AuditService } from '../audit/audit.service';
import { Audited } from '../audit/audited.decorator';
import { composeAnswer } from './embed-answers';
import { EmbedContextService } from './embed-context.service';
import { matchIntent } from './embed-intents';
import { assertRecordAllowed, recordFromParameters } from './embed-record';

/** The embedded chat panel's API: record-bound tokens are accepted here, for their record only. */
@ApiTags('embed')
@Controller('embed')
@RequireScope('read')
@RecordScoped()
export class EmbedController {
  constructor(
    private readonly contexts: EmbedContextService,
    private readonly audit: AuditService,
  ) {}

  @Get('context')
  @Audited('embed.context', { subjectIds: (c: EmbedContext) => [c.record.id], detail: (c: EmbedContext) => ({ record: c.record }) })
  @ApiOperation({ summary: 'The facts of one record for the panel: contact and company, open deals, recent activities, lead score with factors' })
  @ApiQuery({ name: 'contact_id', required: false, type: Number })
  @ApiQuery({ name: 'deal_id', required: false, type: Number })
  @ApiQuery({ name: 'company_id', required: false, type: Number })
  @ApiOkResponse({ description: 'The record\'s context; 404 names an unknown id; 403 when a bound token names another record.' })
  context(@Query() query: Record<string, unknown>, @Req() request: Request): Promise<EmbedContext> {
    const record = recordFromParameters(query);
    assertRecordAllowed(principalOf(request)!, record);
    return this.contexts.context(record);
  }

  @Post('ask')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Ask about one record; the answer streams as NDJSON chunks (start, delta…, done)',
    description: 'Answers from the record\'s facts and scores: its score and why, its deals, the last activity, its company, a next step.',
  })
  @ApiBody({ schema: { type: 'object', required: ['question'], properties: {
    question: { type: 'string', example: 'Why is the score what it is?' }, contact_id: { type: 'integer', example: 123 },
    deal_id: { type: 'integer' }, company_id: { type: 'integer' },
  } } })
  async ask(@Body() body: unknown, @Req() request: Request, @Res() response: Response): Promise<void> {
    const parsed = embedAskRequestSchema.safeParse(body ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const field = issue.path.join('.') || '$';
      throw new HubProblem(400, 'invalid-request', `${field}: ${issue.message}`, { errors: [{ field, reason: issue.message }] });
    }
    const principal = principalOf(request)!;
    const record = recordFromParameters(parsed.data);
    assertRecordAllowed(principal, record);
    // Everything that can fail with a problem document happens before the first byte is sent.
    const context = await this.contexts.context(record);
    const intent = matchIntent(parsed.data.question);
    response.status(200).setHeader('Content-Type', 'application/x-ndjson; charset=utf-8');
    response.setHeader('Cache-Control', 'no-store');
    response.setHeader('X-Accel-Buffering', 'no');
    const send = (chunk: EmbedAnswerChunk) => response.write(`${JSON.stringify(chunk)}\n`);
    send({ type: 'start', intent, record });
    let outcome: 'ok' | 'error' = 'ok';
    try {
      for (const text of composeAnswer(intent, context)) send({ type: 'delta', text });
      send({ type: 'done' });
    } catch (error) {
      outcome = 'error';
      send({ type: 'error', message: 'The answer could not be finished; the error is logged on the hub.' });
      throw error;
    } finally {
      response.end();
      // The intent, not the question: a question may carry personal data the log must not keep.
      await this.audit.recordQuietly({
        keyId: principal.keyId, operation: 'embed.ask', outcome, subjectType: record.type, subjectIds: [record.id],
        detail: { intent, questionChars: parsed.data.question.length },
      });
    }
  }
}
