import { type AuditQuery, auditQuerySchema } from '@hub/contracts';
import { HubProblem } from '../../core/http/problem-details.filter';
import { decodeAuditCursor } from './audit-cursor';

const PARAMETERS = Object.keys(auditQuerySchema.shape);

/** The query string of `GET /api/audit`, checked; a bad value is a 400 naming its parameter. */
export function parseAuditQuery(raw: Record<string, unknown>): AuditQuery {
  for (const [name, value] of Object.entries(raw)) {
    if (!PARAMETERS.includes(name)) {
      throw invalid(name, `${name} is not a filter of the audit log; use ${PARAMETERS.join(', ')}`);
    }
    if (typeof value !== 'string') throw invalid(name, `${name} must be given once, as a plain value`);
  }
  const parsed = auditQuerySchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0] ?? 'query');
    throw invalid(name, `${name} ${issue.message}`);
  }
  const query = parsed.data;
  if (query.cursor) decodeAuditCursor(query.cursor);
  if (query.from && query.to && Date.parse(query.from) >= Date.parse(query.to)) {
    throw invalid('to', 'to must be later than from');
  }
  return query;
}

function invalid(parameter: string, detail: string): HubProblem {
  return new HubProblem(400, 'invalid-parameter', detail, { parameter });
}
