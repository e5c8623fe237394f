import { useQuery } from '@tanstack/react-query';
import type { ForecastReportView } from '@hub/contracts';
import { apiFetch } from '../../../lib/http';
import { useSession } from '../../../lib/session';

/**
 * This quarter's forecast from `GET /api/forecast` (one cache entry with the Pipeline & Forecast
 * page). The overview API leaves the KPI to the browser, which asks the forecast itself.
 */
export function useForecastHeadline() {
  const { apiKey } = useSession();
  return useQuery({
    queryKey: ['forecast', 'report', ''],
    queryFn: () => apiFetch<ForecastReportView>(apiKey, '/api/forecast'),
    select: (view) => ({ quarter: view.quarters[0], currency: view.currency, asOf: view.run.asOf }),
  });
}
