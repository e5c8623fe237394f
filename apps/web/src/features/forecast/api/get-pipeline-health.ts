import { queryOptions, useQuery } from '@tanstack/react-query';
import type { PipelineHealthView } from '@hub/contracts';
import { apiFetch } from '../../../lib/http';
import { useSession } from '../../../lib/session';

export const pipelineHealthQuery = (apiKey: string) =>
  queryOptions({ queryKey: ['forecast', 'health'], queryFn: () => apiFetch<PipelineHealthView>(apiKey, '/api/pipeline/health') });

export function usePipelineHealth() {
  return useQuery(pipelineHealthQuery(useSession().apiKey));
}
