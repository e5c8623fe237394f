import { z } from 'zod';

export const AUDIT_OUTCOMES = ['ok', 'error', 'denied'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/**
 * One row of the append-only audit log. `keyId` is an API key's id, `env:admin` for
 * HUB_ADMIN_KEY, `cli` for the command line and `system` for the hub itself.
 */
export interface AuditEntry {
  id: number;
  at: string;
  keyId: string | null;
  operation: string;
  subjectType: string | null;
  subjectIds: number[] | null;
  modelVersion: string | null;
  durationMs: number | null;
  outcome: AuditOutcome;
  detail: Record<string, unknown> | null;
}

export interface AuditPage {
  items: AuditEntry[];
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

export const AUDIT_PAGE_DEFAULT = 50;
export const AUDIT_PAGE_MAX = 500;

const offsetTime = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 time with an offset, e.g. 2024-05-01T00:00:00Z' });

/** The filters of `GET /api/audit`, as query-string values. */
export const auditQuerySchema = z.strictObject({
  operation: z.string().min(1).max(100).optional(),
  keyId: z.string().min(1).max(100).optional(),
  subjectType: z.string().min(1).max(100).optional(),
  subjectId: z.string().regex(/^[1-9][0-9]{0,15}$/, 'must be a positive whole number').transform(Number)
    .refine(Number.isSafeInteger, 'must be a positive whole number').optional(),
  outcome: z.enum(AUDIT_OUTCOMES).optional(),
  from: offsetTime.optional(),
  to: offsetTime.optional(),
  cursor: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'must be a nextCursor value from an earlier page').optional(),
  limit: z.string().regex(/^[0-9]{1,4}$/, `must be a whole number from 1 to ${AUDIT_PAGE_MAX}`).transform(Number)
    .refine((value) => value >= 1 && value <= AUDIT_PAGE_MAX, `must be a whole number from 1 to ${AUDIT_PAGE_MAX}`)
    .default(AUDIT_PAGE_DEFAULT),
});
export type AuditQuery = z.output<typeof auditQuerySchema>;
