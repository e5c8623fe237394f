import { queryOptions, useQuery } from '@tanstack/react-query';
import type { DealPredictionView } from '@hub/contracts';
import { apiFetch } from '../../../lib/http';
import { useSession } from '../../../lib/session';

/** A deal's win probability now, explained (computed live by the hub, not from the last run). */
export const dealPredictionQuery = (apiKey: string, dealId: number) =>
  queryOptions({
    queryKey: ['forecast', 'prediction', dealId],
    queryFn: () => apiFetch<DealPredictionView>(apiKey, `/api/deals/${dealId}/prediction`),
    staleTime: 60_000,
  });

export function useDealPrediction(dealId: number | undefined) {
  const { apiKey } = useSession();
  return useQuery({ ...dealPredictionQuery(apiKey, dealId ?? 0), enabled: dealId !== undefined });
}
