import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { LeadModelRegistryView } from '@hub/contracts';
import { apiFetch } from './http';
import { useSession } from './session';

/** The lead model registry, shared by the Leads page (metrics) and Settings (versions, rollback). */
export const leadModelQuery = (apiKey: string) =>
  queryOptions({ queryKey: ['lead-model'], queryFn: () => apiFetch<LeadModelRegistryView>(apiKey, '/api/models/lead-score') });

export function useLeadModel() {
  return useQuery(leadModelQuery(useSession().apiKey));
}

/** Makes an older version active; the hub rescores the open leads in a job. */
export function useRollbackLeadModel() {
  const { apiKey } = useSession();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (version: number) => apiFetch<LeadModelRegistryView>(apiKey, '/api/models/lead-score/rollback', { method: 'POST', body: { version } }),
    onSuccess: (view) => {
      client.setQueryData(['lead-model'], view);
      for (const queryKey of [['jobs'], ['leads'], ['overview']]) void client.invalidateQueries({ queryKey });
    },
  });
}
