import { useEffect, useState } from 'react';
import { io } from 'socket.io-client';
import { type JobList, type JobView, REALTIME_NAMESPACE } from '@hub/contracts';
import { authHeaders } from '../session/api-key';

/**
 * Recent jobs, kept current by the hub's Socket.IO events; a reload picks a running job's
 * progress up again from `GET /api/jobs`, then follows it live.
 */
export function useLiveJobs(apiKey: string): { jobs: JobView[]; error?: string; refresh: () => void } {
  const [jobs, setJobs] = useState<JobView[]>([]);
  const [error, setError] = useState<string>();
  const [version, setVersion] = useState(0);

  useEffect(() => {
    if (!apiKey) return;
    let live = true;
    fetch('/api/jobs?limit=20', { headers: authHeaders(apiKey) })
      .then(async (response) => {
        const body = (await response.json()) as JobList & { detail?: string };
        if (!response.ok) throw new Error(body.detail ?? `HTTP ${response.status}`);
        if (live) {
          setJobs(body.items);
          setError(undefined);
        }
      })
      .catch((caught: Error) => live && setError(caught.message));
    return () => {
      live = false;
    };
  }, [apiKey, version]);

  useEffect(() => {
    if (!apiKey) return;
    const socket = io(REALTIME_NAMESPACE, { auth: { token: apiKey }, transports: ['websocket'] });
    const update = (jobId: string, change: (job: JobView) => JobView) =>
      setJobs((current) => {
        if (!current.some((job) => job.id === jobId)) {
          setVersion((value) => value + 1); // a job started elsewhere: fetch the list again
          return current;
        }
        return current.map((job) => (job.id === jobId ? change(job) : job));
      });
    socket.on('job.progress', (event: { jobId: string; progress: JobView['progress'] }) =>
      update(event.jobId, (job) => ({ ...job, state: 'active', progress: event.progress })));
    socket.on('job.completed', (event: { jobId: string; result: unknown }) =>
      update(event.jobId, (job) => ({ ...job, state: 'completed', result: event.result, progress: { percent: 100, message: 'done' } })));
    socket.on('job.failed', (event: { jobId: string; error: string; cancelled: boolean }) =>
      update(event.jobId, (job) => ({ ...job, state: event.cancelled ? 'cancelled' : 'failed', error: event.error })));
    return () => {
      socket.disconnect();
    };
  }, [apiKey]);

  return { jobs, error, refresh: () => setVersion((value) => value + 1) };
}
