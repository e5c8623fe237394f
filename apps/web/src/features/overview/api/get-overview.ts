import { queryOptions, useQuery } from '@tanstack/react-query';
import type { OverviewView } from '@hub/contracts';
import { apiFetch } from '../../../lib/http';
import { useSession } from '../../../lib/session';

export const overviewQuery = (apiKey: string) =>
  queryOptions({ queryKey: ['overview'], queryFn: () => apiFetch<OverviewView>(apiKey, '/api/overview') });

export function useOverview() {
  return useQuery(overviewQuery(useSession().apiKey));
}
