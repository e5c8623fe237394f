import { type FormEvent, useState } from 'react';
import type { JobView } from '@hub/contracts';
import { authHeaders } from '../session/api-key';
import { useLiveJobs } from './use-live-jobs';

/** Jobs with live progress bars, and a way to start one: import a bundle file as a job. */
export function JobsPanel({ apiKey }: { apiKey: string }) {
  const { jobs, error, refresh } = useLiveJobs(apiKey);
  const [message, setMessage] = useState<string>();

  async function startImport(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const file = (event.currentTarget.elements.namedItem('bundle') as HTMLInputElement).files?.[0];
    if (!file) return setMessage('Choose a bundle file (.ndjson) first.');
    setMessage(`Uploading ${file.name}…`);
    const response = await fetch('/api/bundles', {
      method: 'POST',
      headers: { ...authHeaders(apiKey), 'content-type': 'application/x-ndjson', prefer: 'respond-async' },
      body: file,
    });
    const body = (await response.json()) as { id?: string; detail?: string };
    setMessage(response.ok ? `Import queued as job ${body.id}.` : `Refused: ${body.detail ?? response.status}`);
    refresh();
  }

  async function cancel(job: JobView) {
    await fetch(`/api/jobs/${job.id}/cancel`, { method: 'POST', headers: authHeaders(apiKey) });
    refresh();
  }

  return (
    <section aria-label="Jobs">
      <h2>Jobs</h2>
      <form onSubmit={startImport} className="row">
        <label>
          Import a bundle as a job <input type="file" name="bundle" accept=".ndjson,.jsonl,application/x-ndjson" />
        </label>
        <button type="submit">Start import</button>
      </form>
      {message && <p role="status">{message}</p>}
      {error && <p role="alert">Jobs are unavailable: {error}</p>}
      {!error && jobs.length === 0 && <p>No jobs yet.</p>}
      <ul className="jobs">
        {jobs.map((job) => (
          <li key={job.id} data-state={job.state}>
            <div className="row">
              <strong>{job.name}</strong> <span>{job.state}</span> <small>{new Date(job.createdAt).toLocaleString()}</small>
              {(job.state === 'active' || job.state === 'waiting') && (
                <button type="button" onClick={() => cancel(job)}>Cancel</button>
              )}
            </div>
            <progress max={100} value={job.progress.percent} aria-label={`${job.name} progress`} />
            <small>
              {job.progress.percent}% {job.progress.message}
              {job.error ? ` — ${job.error}` : ''}
            </small>
          </li>
        ))}
      </ul>
    </section>
  );
}
