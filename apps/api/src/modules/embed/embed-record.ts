import type { RecordRef } from '@hub/contracts';
import { HubProblem } from '../../core/http/problem-details.filter';
import type { HubPrincipal } from '../../core/auth/hub-principal';

const ID_PARAMETERS = [['contact_id', 'contact'], ['deal_id', 'deal'], ['company_id', 'company']] as const;
const EXAMPLE = 'e.g. ?contact_id=123, ?deal_id=45 or ?company_id=6';

/** The record a request names with exactly one of contact_id, deal_id, company_id (query text or JSON numbers). */
export function recordFromParameters(values: Record<string, unknown>): RecordRef {
  const given = ID_PARAMETERS.filter(([name]) => values[name] !== undefined && values[name] !== '');
  if (given.length !== 1) {
    throw new HubProblem(400, 'invalid-parameter',
      `Name exactly one record with contact_id, deal_id or company_id (${EXAMPLE}); got ${given.length === 0 ? 'none' : given.map(([name]) => name).join(' and ')}.`,
      { parameter: given[1]?.[0] ?? 'contact_id' });
  }
  const [name, type] = given[0]!;
  const raw = values[name];
  const id = typeof raw === 'number' ? raw : /^[1-9][0-9]{0,15}$/.test(String(raw)) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(id) || id < 1) {
    throw new HubProblem(400, 'invalid-parameter', `${name} must be a positive whole number; got ${JSON.stringify(raw)}`, { parameter: name });
  }
  return { type, id };
}

/** A token bound to one record may read that record only. */
export function assertRecordAllowed(principal: HubPrincipal, record: RecordRef): void {
  const bound = principal.token?.record;
  if (bound && (bound.type !== record.type || bound.id !== record.id)) {
    throw new HubProblem(403, 'record-not-allowed',
      `This access token is bound to ${bound.type} ${bound.id} and cannot read ${record.type} ${record.id}.`, { record: bound });
  }
}

export function recordNotFound(record: RecordRef): HubProblem {
  return new HubProblem(404, 'record-not-found', `No ${record.type} with id ${record.id} exists in the hub.`, { record });
}
