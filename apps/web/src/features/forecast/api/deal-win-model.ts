import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { DealWinRegistryView, JobView } from '@hub/contracts';
import { apiFetch } from '../../../lib/http';
import { JOBS_KEY } from '../../../lib/live-jobs';
import { useSession } from '../../../lib/session';

export function useDealWinModel() {
  const { apiKey } = useSession();
  return useQuery({ queryKey: ['deal-win-model'], queryFn: () => apiFetch<DealWinRegistryView>(apiKey, '/api/models/deal-win') });
}

/** Starts a forecasting job; its progress then arrives over the socket into the jobs list. */
function useForecastingJob(path: string) {
  const { apiKey } = useSession();
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch<JobView>(apiKey, path, { method: 'POST', body: {} }),
    onSuccess: () => client.invalidateQueries({ queryKey: JOBS_KEY }),
  });
}

/** Trains a deal-win model; the hub queues a forecast recompute after it. */
export const useTrainDealWinModel = () => useForecastingJob('/api/models/deal-win/train');
export const useRecomputeForecast = () => useForecastingJob('/api/forecast/recompute');
