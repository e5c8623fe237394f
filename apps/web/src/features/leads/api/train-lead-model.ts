import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { JobView } from '@hub/contracts';
import { apiFetch } from '../../../lib/http';
import { JOBS_KEY } from '../../../lib/live-jobs';
import { useSession } from '../../../lib/session';

/** Starts the training job; its progress then arrives over the socket into the jobs list. */
export function useTrainLeadModel() {
  const { apiKey } = useSession();
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch<JobView>(apiKey, '/api/models/lead-score/train', { method: 'POST', body: {} }),
    onSuccess: () => client.invalidateQueries({ queryKey: JOBS_KEY }),
  });
}
