import { queryOptions, useQuery } from '@tanstack/react-query';
import type { OverviewTrendsView } from '@hub/contracts';
import { apiFetch } from '../../../lib/http';
import { useSession } from '../../../lib/session';

/** Twelve months of trends, asked apart from the KPIs so the headline figures never wait for them. */
export const overviewTrendsQuery = (apiKey: string) =>
  queryOptions({ queryKey: ['overview', 'trends'], queryFn: () => apiFetch<OverviewTrendsView>(apiKey, '/api/overview/trends') });

export function useOverviewTrends() {
  return useQuery(overviewTrendsQuery(useSession().apiKey));
}
