import { HubProblem } from '../../core/http/problem-details.filter';

/**
 * Paging cursors are opaque to clients (base64url), so the paging scheme can change; today one
 * names the last id of the previous page, and the next page holds older rows.
 */
export function encodeAuditCursor(lastId: number): string {
  return Buffer.from(`before:${lastId}`).toString('base64url');
}

export function decodeAuditCursor(cursor: string): number {
  const match = /^before:([1-9][0-9]{0,15})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  const id = match ? Number(match[1]) : NaN;
  if (!Number.isSafeInteger(id)) {
    throw new HubProblem(400, 'invalid-parameter', 'cursor must be a nextCursor value from an earlier page', { parameter: 'cursor' });
  }
  return id;
}
