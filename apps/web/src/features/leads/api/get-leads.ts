import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { LeadListPage, LeadSortKey, SortOrder } from '@hub/contracts';
import { apiFetch, queryString } from '../../../lib/http';
import { useSession } from '../../../lib/session';

export const LEADS_PAGE_SIZE = 25;

export interface LeadsSort {
  key: LeadSortKey;
  order: SortOrder;
}

/** A page of open leads, sorted by the hub (so the order holds across pages, not only on the page shown). */
export const leadsQuery = (apiKey: string, page: number, sort: LeadsSort) =>
  queryOptions({
    queryKey: ['leads', page, sort.key, sort.order],
    queryFn: () => apiFetch<LeadListPage>(apiKey, `/api/leads${queryString({ page, page_size: LEADS_PAGE_SIZE, sort: sort.key, order: sort.order })}`),
    placeholderData: keepPreviousData,
  });

export function useLeads(page: number, sort: LeadsSort) {
  return useQuery(leadsQuery(useSession().apiKey, page, sort));
}
