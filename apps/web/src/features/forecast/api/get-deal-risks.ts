import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { DealRisksView } from '@hub/contracts';
import { apiFetch, queryString } from '../../../lib/http';
import { useSession } from '../../../lib/session';

export const RISKS_PAGE_SIZE = 10;

/** A page of at-risk deals; the hub's cursor is the offset into its ranking. */
export const dealRisksQuery = (apiKey: string, page: number) =>
  queryOptions({
    queryKey: ['forecast', 'risks', page],
    queryFn: () => apiFetch<DealRisksView>(apiKey, `/api/deals/risks${queryString({ limit: RISKS_PAGE_SIZE, cursor: (page - 1) * RISKS_PAGE_SIZE || undefined })}`),
    placeholderData: keepPreviousData,
  });

export function useDealRisks(page: number) {
  return useQuery(dealRisksQuery(useSession().apiKey, page));
}
