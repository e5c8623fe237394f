import { LEAD_LIST_PAGE_SIZE_MAX, type ScoreLeadResponse } from '@hub/contracts';
import { z } from 'zod';
import { HubProblem } from '../../core/http/problem-details.filter';
import { defineMcpTool, type HubMcpTool, McpToolError, type McpToolContext, READ_ONLY_LOOKUP } from '../../core/mcp/mcp-tool';
import type { AuditService } from '../audit/audit.service';
import type { LeadScoringService } from './lead-scoring.service';

const id = (what: string) => z.number().int().positive().max(Number.MAX_SAFE_INTEGER).describe(what);

const factor = z.object({ label: z.string(), contribution: z.number(), key: z.string(), evidence: z.record(z.string(), z.unknown()) });
const scoreOutput = z.object({
  contact_id: z.number(), score: z.number(), probability: z.number(), percentile: z.number().nullable(), confidence: z.number(),
  confidence_level: z.string(), recommendation: z.string(), method: z.string(), model_version: z.string(), as_of: z.string(),
  factors: z.array(z.string()), note: z.string().optional(),
});

/**
 * Scores through the service, writing the same `lead.score` audit row as REST (the MCP layer's
 * `mcp.tool.call` row names the tool, not the score), and turns the service's refusals (unknown
 * contact, foreign deal, nothing to score with) into answers the model can act on.
 */
async function scoring(audit: AuditService, context: McpToolContext, tool: string, ids: number[], work: () => Promise<ScoreLeadResponse>): Promise<ScoreLeadResponse> {
  const started = performance.now();
  const row = { keyId: context.principal.keyId, operation: 'lead.score', subjectType: 'contact', subjectIds: ids };
  try {
    const result = await work();
    await audit.recordQuietly({
      ...row, outcome: 'ok', modelVersion: result.model_version, durationMs: performance.now() - started,
      detail: { score: result.score, method: result.method, confidence: result.confidence, via: `mcp:${tool}` },
    });
    return result;
  } catch (error) {
    const reason = error instanceof HubProblem ? error.message : 'internal error';
    await audit.recordQuietly({ ...row, outcome: 'error', durationMs: performance.now() - started, detail: { reason: reason.slice(0, 300), via: `mcp:${tool}` } });
    if (error instanceof HubProblem && error.status < 500) throw new McpToolError(error.message);
    throw error;
  }
}

function summary(result: ScoreLeadResponse): z.output<typeof scoreOutput> {
  return {
    contact_id: result.contact_id, score: result.score, probability: result.probability, percentile: result.percentile,
    confidence: result.confidence, confidence_level: result.confidence_level, recommendation: result.recommendation,
    method: result.method, model_version: result.model_version, as_of: result.as_of, factors: result.factors,
    ...(result.note ? { note: result.note } : {}),
  };
}

/** Lead scoring for assistants: score one lead, explain a score point by point, list the best leads. */
export function leadScoringTools(leads: LeadScoringService, audit: AuditService): HubMcpTool[] {
  const scoreLead = defineMcpTool({
    name: 'score_lead',
    title: 'Score a lead',
    description: 'Scores how likely a contact is to become a customer within 120 days: a 0-100 score, the calibrated probability, how much to trust it, the main reasons in plain words and a recommended next step. Use it before deciding whom to call or what to do next with a contact. Pass deal_id to focus on one of the contact\'s deals.',
    scope: 'read',
    subjectType: 'contact',
    annotations: { ...READ_ONLY_LOOKUP, idempotentHint: false },
    inputSchema: z.object({ contact_id: id('The contact to score.'), deal_id: id('Optional: one of the contact\'s deals.').optional() }),
    outputSchema: scoreOutput,
    async handler(input, context) {
      const ids = [input.contact_id, ...(input.deal_id === undefined ? [] : [input.deal_id])];
      const result = await scoring(audit, context, 'score_lead', ids, () => leads.scoreLead({ contact_id: input.contact_id, deal_id: input.deal_id }));
      const text = `Contact ${result.contact_id}: score ${result.score}/100 (p=${result.probability.toFixed(3)}, ${result.confidence_level} confidence, ${result.method} ${result.model_version}). ${result.recommendation}. Reasons: ${result.factors.join('; ')}.${result.note ? ` ${result.note}` : ''}`;
      return { structured: summary(result), text };
    },
  });

  const explainLeadScore = defineMcpTool({
    name: 'explain_lead_score',
    title: 'Explain a lead score',
    description: 'Explains a contact\'s lead score factor by factor: each reason with its signed contribution in log-odds and the facts behind it; the base plus all contributions equals the score\'s log-odds exactly. Use it when someone asks why a lead scores as it does.',
    scope: 'read',
    subjectType: 'contact',
    annotations: { ...READ_ONLY_LOOKUP, idempotentHint: false },
    inputSchema: z.object({ contact_id: id('The contact whose score to explain.') }),
    outputSchema: scoreOutput.extend({ base_logit: z.number(), factor_details: z.array(factor) }),
    async handler(input, context) {
      const result = await scoring(audit, context, 'explain_lead_score', [input.contact_id], () => leads.scoreLead({ contact_id: input.contact_id }));
      const lines = result.factor_details.map((item) => `${item.contribution >= 0 ? '+' : ''}${item.contribution.toFixed(3)}  ${item.label}`);
      const text = `Contact ${result.contact_id} scores ${result.score}/100. Base log-odds ${result.base_logit.toFixed(3)}, then:\n${lines.join('\n')}`;
      return { structured: { ...summary(result), base_logit: result.base_logit, factor_details: result.factor_details as z.output<typeof factor>[] }, text };
    },
  });

  const topLeads = defineMcpTool({
    name: 'top_leads',
    title: 'Top leads',
    description: 'The open leads with the highest stored scores, best first, with each one\'s score, recommendation and main reasons. Use it to answer "whom should we call today?". Filter by owner or a minimum score; page through with page.',
    scope: 'read',
    subjectType: 'contact',
    annotations: READ_ONLY_LOOKUP,
    inputSchema: z.object({
      limit: z.number().int().min(1).max(Math.min(100, LEAD_LIST_PAGE_SIZE_MAX)).default(10).describe('How many leads (1-100).'),
      page: z.number().int().min(1).max(1_000_000).default(1),
      owner_id: id('Only leads owned by this user.').optional(),
      min_score: z.number().int().min(0).max(100).optional().describe('Only leads scoring at least this.'),
    }),
    outputSchema: z.object({
      items: z.array(z.object({ contact_id: z.number(), name: z.string(), company_name: z.string().nullable(), score: z.number(), recommendation: z.string(), top_factors: z.array(z.string()) })),
      total: z.number(), page: z.number(), truncated: z.boolean(),
    }),
    async handler(input) {
      const page = await leads.listLeads({ page: input.page, pageSize: input.limit, minScore: input.min_score, ownerId: input.owner_id });
      const items = page.items.map((item) => ({
        contact_id: item.contact_id, name: item.name, company_name: item.company_name, score: item.score,
        recommendation: item.recommendation, top_factors: item.top_factors,
      }));
      const truncated = page.page * page.page_size < page.total;
      const text = items.length === 0
        ? 'No scored open leads match. If nothing is scored yet, train the lead model or import data.'
        : items.map((item) => `${item.score}  ${item.name}${item.company_name ? ` (${item.company_name})` : ''} [contact ${item.contact_id}]: ${item.recommendation}`).join('\n') +
          (truncated ? `\n…${page.total - page.page * page.page_size} more; ask for page ${page.page + 1}.` : '');
      return { structured: { items, total: page.total, page: page.page, truncated }, text };
    },
  });

  return [scoreLead, explainLeadScore, topLeads] as unknown as HubMcpTool[];
}
