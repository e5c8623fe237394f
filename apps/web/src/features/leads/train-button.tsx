import { useQuery } from '@tanstack/react-query';
import { jobsQuery } from '../../lib/live-jobs';
import { useSession } from '../../lib/session';
import { ProgressBar } from '../../ui/progress-bar';
import { useTrainLeadModel } from './api/train-lead-model';

/** Starts training and follows the job live until it is done or fails. */
export function TrainButton() {
  const { apiKey } = useSession();
  const train = useTrainLeadModel();
  const jobs = useQuery(jobsQuery(apiKey));
  const started = train.data;
  const job = started && (jobs.data?.items.find((item) => item.id === started.id) ?? started);
  const running = job !== undefined && ['waiting', 'active', 'delayed'].includes(job.state);

  return (
    <div className="train" data-testid="train">
      <button type="button" onClick={() => train.mutate()} disabled={train.isPending || running}>
        {running ? 'Training…' : 'Train a new model'}
      </button>
      {train.isError && <p role="alert">Training was not started: {train.error.message}</p>}
      {job && (
        <div data-state={job.state} aria-live="polite">
          {running && <ProgressBar label="Training progress" percent={job.progress.percent} message={job.progress.message || job.state} />}
          {job.state === 'completed' && <p role="status">Training finished: {describe(job.result)}</p>}
          {(job.state === 'failed' || job.state === 'cancelled') && <p role="alert">Training {job.state}: {job.error}</p>}
        </div>
      )}
    </div>
  );
}

function describe(result: unknown): string {
  const outcome = result as { outcome?: string; version?: { label?: string } | null; reason?: string } | undefined;
  if (outcome?.outcome === 'model') return `${outcome.version?.label ?? 'a new version'} is active and the open leads are rescored.`;
  if (outcome?.outcome === 'rules') return `no model registered: ${outcome.reason ?? 'not enough data'}; the rules keep scoring.`;
  return 'done.';
}
