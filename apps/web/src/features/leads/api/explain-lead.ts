import { queryOptions, useQuery } from '@tanstack/react-query';
import type { StoredLeadScoreView } from '@hub/contracts';
import { apiFetch } from '../../../lib/http';
import { useSession } from '../../../lib/session';

/**
 * A lead's stored score with every factor (`GET /api/leads/:contactId`): opening the view reads the
 * score the table shows; it does not rescore the lead or write an audit row.
 */
export const leadExplanationQuery = (apiKey: string, contactId: number) =>
  queryOptions({
    queryKey: ['leads', 'explanation', contactId],
    queryFn: () => apiFetch<StoredLeadScoreView>(apiKey, `/api/leads/${contactId}`),
    staleTime: 60_000,
  });

export function useLeadExplanation(contactId: number | undefined) {
  const { apiKey } = useSession();
  return useQuery({ ...leadExplanationQuery(apiKey, contactId ?? 0), enabled: contactId !== undefined });
}
