import { useEffect } from 'react';
import { type QueryClient, queryOptions, useQueryClient } from '@tanstack/react-query';
import type { JobList, JobView, QueueName, RealtimeServerEvents } from '@hub/contracts';
import { apiFetch } from './http';

export const JOBS_KEY = ['jobs'] as const;

/** Recent jobs, newest first (a key sees its own; an admin key sees all). */
export const jobsQuery = (apiKey: string) =>
  queryOptions({ queryKey: JOBS_KEY, queryFn: () => apiFetch<JobList>(apiKey, '/api/jobs?limit=50') });

/** What a finished job of each queue makes stale. */
const STALE_AFTER: Partial<Record<QueueName, string[][]>> = {
  'hub-training': [['lead-model'], ['leads'], ['overview']],
  'hub-scoring': [['leads'], ['overview'], ['lead-model']],
  'hub-imports': [['leads'], ['overview'], ['lead-model']],
  'hub-forecasting': [['forecast'], ['deal-win-model']],
};

function patchJob(client: QueryClient, jobId: string, change: (job: JobView) => JobView): void {
  const list = client.getQueryData<JobList>(JOBS_KEY);
  if (!list?.items.some((job) => job.id === jobId)) {
    // A job started elsewhere (another tab, the CRM): fetch the list again.
    void client.invalidateQueries({ queryKey: JOBS_KEY });
    return;
  }
  client.setQueryData<JobList>(JOBS_KEY, { items: list.items.map((job) => (job.id === jobId ? change(job) : job)) });
}

function finished(client: QueryClient, queue: QueueName): void {
  for (const queryKey of STALE_AFTER[queue] ?? []) void client.invalidateQueries({ queryKey });
}

/**
 * Keeps the jobs list current from the hub's Socket.IO events, for the whole signed-in app: every
 * page sees a job move. A reload picks a running job up from `GET /api/jobs`, then follows it live.
 * The socket client loads after first paint, outside the initial bundle.
 */
export function useRealtimeJobs(apiKey: string): void {
  const client = useQueryClient();
  useEffect(() => {
    if (!apiKey) return;
    let socket: { disconnect(): void } | undefined;
    let cancelled = false;
    // After the page's own chunks and data: the socket only needs to be there before a job moves.
    const idle = window.requestIdleCallback ?? ((run: () => void) => window.setTimeout(run, 300));
    idle(() => void Promise.all([import('socket.io-client'), import('@hub/contracts')]).then(([{ io }, { REALTIME_NAMESPACE }]) => {
      if (cancelled) return;
      const live = io(REALTIME_NAMESPACE, { auth: { token: apiKey }, transports: ['websocket'] });
      socket = live;
      type Event<E extends keyof RealtimeServerEvents> = Parameters<RealtimeServerEvents[E]>[0];
      live.on('connect', () => void client.invalidateQueries({ queryKey: JOBS_KEY }));
      live.on('job.progress', (event: Event<'job.progress'>) =>
        patchJob(client, event.jobId, (job) => ({ ...job, state: 'active', progress: event.progress })));
      live.on('job.completed', (event: Event<'job.completed'>) => {
        patchJob(client, event.jobId, (job) => ({ ...job, state: 'completed', result: event.result, progress: { percent: 100, message: 'done' }, finishedAt: new Date().toISOString() }));
        finished(client, event.queue);
      });
      live.on('job.failed', (event: Event<'job.failed'>) => {
        patchJob(client, event.jobId, (job) => ({ ...job, state: event.cancelled ? 'cancelled' : 'failed', error: event.error, finishedAt: new Date().toISOString() }));
        finished(client, event.queue);
      });
    }), { timeout: 1500 });
    return () => {
      cancelled = true;
      socket?.disconnect();
    };
  }, [apiKey, client]);
}
