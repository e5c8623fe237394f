import type { JobView } from '@hub/contracts';
import { formatDateTime } from '../../lib/format';
import { ProgressBar } from '../../ui/progress-bar';

const LIVE = ['active', 'waiting', 'delayed'];

/** One job: name, state, when, its progress bar and, while it runs, a cancel button. */
export function JobItem({ job, onCancel }: { job: JobView; onCancel?: (job: JobView) => void }) {
  return (
    <li data-state={job.state} data-job-id={job.id}>
      <div className="row">
        <strong>{job.name}</strong>
        <span className={`badge state-${job.state}`}>{job.state}</span>
        <small className="muted">
          started {formatDateTime(job.startedAt ?? job.createdAt)}
          {job.finishedAt ? `, finished ${formatDateTime(job.finishedAt)}` : ''}
        </small>
        {onCancel && LIVE.includes(job.state) && (
          <button type="button" onClick={() => onCancel(job)} aria-label={`Cancel ${job.name} job ${job.id}`}>Cancel</button>
        )}
      </div>
      <ProgressBar label={`${job.name} progress`} percent={job.progress.percent} message={job.progress.message} />
      {job.error && <small role={job.state === 'failed' ? 'alert' : undefined}>{job.error}</small>}
    </li>
  );
}
