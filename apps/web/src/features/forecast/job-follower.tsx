import { useQuery } from '@tanstack/react-query';
import type { JobView } from '@hub/contracts';
import { jobsQuery } from '../../lib/live-jobs';
import { useSession } from '../../lib/session';
import { ProgressBar } from '../../ui/progress-bar';

export const isRunning = (job: JobView | undefined) => job !== undefined && ['waiting', 'active', 'delayed'].includes(job.state);

/** The freshest view of a job: the live jobs list (fed by the socket), else what the hub answered at the start. */
export function useLiveJob(jobId: string | undefined, started?: JobView): JobView | undefined {
  const jobs = useQuery(jobsQuery(useSession().apiKey));
  if (!jobId) return undefined;
  return jobs.data?.items.find((item) => item.id === jobId) ?? started;
}

/** A job's progress while it runs, then how it ended; `done` words a completed job's result. */
export function JobFollower({ job, what, done }: { job: JobView; what: string; done: (result: unknown) => string }) {
  return (
    <div data-state={job.state} data-job={job.name} aria-live="polite">
      {isRunning(job) && <ProgressBar label={`${what} progress`} percent={job.progress.percent} message={job.progress.message || job.state} />}
      {job.state === 'completed' && <p role="status">{what} finished: {done(job.result)}</p>}
      {(job.state === 'failed' || job.state === 'cancelled') && <p role="alert">{what} {job.state}: {job.error}</p>}
    </div>
  );
}
