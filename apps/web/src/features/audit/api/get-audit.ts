import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { AuditOutcome, AuditPage } from '@hub/contracts';
import { apiFetch, queryString } from '../../../lib/http';
import { useSession } from '../../../lib/session';

export const AUDIT_PAGE_SIZE = 25;

export interface AuditFilters {
  operation?: string;
  keyId?: string;
  outcome?: AuditOutcome;
  /** ISO times with offset. */
  from?: string;
  to?: string;
}

export function useAuditPage(filters: AuditFilters, cursor: string | undefined) {
  const { apiKey } = useSession();
  return useQuery({
    queryKey: ['audit', filters, cursor ?? null],
    queryFn: () => apiFetch<AuditPage>(apiKey, `/api/audit${queryString({ ...filters, cursor, limit: AUDIT_PAGE_SIZE })}`),
    placeholderData: keepPreviousData,
  });
}
