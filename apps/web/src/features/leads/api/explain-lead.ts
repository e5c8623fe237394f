import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ScoreLeadResponse } from '@hub/contracts';
import { apiFetch } from '../../../lib/http';
import { useSession } from '../../../lib/session';

/** A lead's score with every factor (`POST /api/mcp/score-lead`: scores it as it stands now). */
export const leadExplanationQuery = (apiKey: string, contactId: number) =>
  queryOptions({
    queryKey: ['leads', 'explanation', contactId],
    queryFn: () => apiFetch<ScoreLeadResponse>(apiKey, '/api/mcp/score-lead', { method: 'POST', body: { contact_id: contactId } }),
    staleTime: 60_000,
  });

export function useLeadExplanation(contactId: number | undefined) {
  const { apiKey } = useSession();
  return useQuery({ ...leadExplanationQuery(apiKey, contactId ?? 0), enabled: contactId !== undefined });
}
