import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { LeadListPage } from '@hub/contracts';
import { apiFetch, queryString } from '../../../lib/http';
import { useSession } from '../../../lib/session';

export const LEADS_PAGE_SIZE = 25;

export const leadsQuery = (apiKey: string, page: number) =>
  queryOptions({
    queryKey: ['leads', page],
    queryFn: () => apiFetch<LeadListPage>(apiKey, `/api/leads${queryString({ page, page_size: LEADS_PAGE_SIZE })}`),
    placeholderData: keepPreviousData,
  });

export function useLeads(page: number) {
  return useQuery(leadsQuery(useSession().apiKey, page));
}
