import { useQuery } from '@tanstack/react-query';
import type { OverviewView } from '@hub/contracts';
import { apiFetch } from '../../../lib/http';
import { useSession } from '../../../lib/session';

/** The open leads' score distribution, from `GET /api/overview` (one cache entry with the Overview page). */
export function useScoreDistribution() {
  const { apiKey } = useSession();
  return useQuery({
    queryKey: ['overview'],
    queryFn: () => apiFetch<OverviewView>(apiKey, '/api/overview'),
    select: (view) => ({ leadScoreDistribution: view.leadScoreDistribution, scoredLeads: view.scoredLeads }),
  });
}
