import { type ComponentType, lazy, type LazyExoticComponent } from 'react';
import type { QueryClient } from '@tanstack/react-query';
import type { ApiScope } from '@hub/contracts';
import { forecastQuery } from '../features/forecast/api/get-forecast';
import { overviewQuery } from '../features/overview/api/get-overview';

export interface HubRoute {
  path: string;
  label: string;
  /** The scope a key needs to see the page at all; the page hides actions needing more. */
  scope: ApiScope;
  page: LazyExoticComponent<ComponentType>;
  /** Starts the page's data on arrival, in parallel with its chunk rather than after it. */
  prefetch?: (client: QueryClient, apiKey: string) => void;
}

const placeholder = (name: 'customers' | 'inbox' | 'meetings' | 'ask') =>
  lazy(() => import('../features/capabilities/capability-pages').then((pages) => ({ default: pages[name] })));

/** Every page, in navigation order; each is its own chunk, loaded when first visited. */
export const ROUTES: HubRoute[] = [
  { path: '/', label: 'Overview', scope: 'read', page: lazy(() => import('../features/overview/overview-page')),
    // The expected-revenue KPI comes from the forecast: asked in parallel with the overview.
    prefetch: (client, apiKey) => void Promise.all([client.prefetchQuery(overviewQuery(apiKey)), client.prefetchQuery(forecastQuery(apiKey))]) },
  { path: '/leads', label: 'Leads', scope: 'read', page: lazy(() => import('../features/leads/leads-page')) },
  { path: '/pipeline', label: 'Pipeline & Forecast', scope: 'read', page: lazy(() => import('../features/forecast/forecast-page')),
    prefetch: (client, apiKey) => void client.prefetchQuery(forecastQuery(apiKey)) },
  { path: '/customers', label: 'Customers', scope: 'read', page: placeholder('customers') },
  { path: '/inbox', label: 'Inbox', scope: 'read', page: placeholder('inbox') },
  { path: '/meetings', label: 'Meetings', scope: 'read', page: placeholder('meetings') },
  { path: '/ask', label: 'Ask', scope: 'read', page: placeholder('ask') },
  { path: '/jobs', label: 'Jobs', scope: 'read', page: lazy(() => import('../features/jobs/jobs-page')) },
  { path: '/audit', label: 'Audit', scope: 'admin', page: lazy(() => import('../features/audit/audit-page')) },
  { path: '/settings', label: 'Settings', scope: 'write', page: lazy(() => import('../features/settings/settings-page')) },
];
