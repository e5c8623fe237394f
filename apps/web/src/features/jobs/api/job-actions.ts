import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { JobView } from '@hub/contracts';
import { apiFetch } from '../../../lib/http';
import { JOBS_KEY, jobsQuery } from '../../../lib/live-jobs';
import { useSession } from '../../../lib/session';

export function useJobs() {
  return useQuery(jobsQuery(useSession().apiKey));
}

export function useCancelJob() {
  const { apiKey } = useSession();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<JobView>(apiKey, `/api/jobs/${encodeURIComponent(id)}/cancel`, { method: 'POST' }),
    onSettled: () => client.invalidateQueries({ queryKey: JOBS_KEY }),
  });
}

/** Uploads a bundle file to be imported by a worker (`Prefer: respond-async`). */
export function useStartImport() {
  const { apiKey } = useSession();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => apiFetch<JobView>(apiKey, '/api/bundles', {
      method: 'POST', body: file, headers: { 'content-type': 'application/x-ndjson', prefer: 'respond-async' },
    }),
    onSettled: () => client.invalidateQueries({ queryKey: JOBS_KEY }),
  });
}
