import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { ForecastReportView } from '@hub/contracts';
import { apiFetch } from '../../../lib/http';
import { useSession } from '../../../lib/session';

/** Quotas by period key (`2026-Q1`), in the forecast's currency. */
export type Quotas = Readonly<Record<string, number>>;

/** `?quota=2026-Q1:500000&quota=…`, in period order so equal quotas share one cache entry. */
export function quotaQuery(quotas: Quotas): string {
  const params = new URLSearchParams();
  for (const key of Object.keys(quotas).sort()) params.append('quota', `${key}:${quotas[key]}`);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The latest forecast run; with quotas, the hub re-simulates it for the chance of reaching each. */
export const forecastQuery = (apiKey: string, quotas: Quotas = {}) =>
  queryOptions({
    queryKey: ['forecast', 'report', quotaQuery(quotas)],
    queryFn: () => apiFetch<ForecastReportView>(apiKey, `/api/forecast${quotaQuery(quotas)}`),
    // A new quota keeps the chart on screen while the hub re-simulates.
    placeholderData: keepPreviousData,
  });

export function useForecast(quotas: Quotas = {}) {
  return useQuery(forecastQuery(useSession().apiKey, quotas));
}
