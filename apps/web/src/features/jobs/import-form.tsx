import type { FormEvent } from 'react';
import { useStartImport } from './api/job-actions';

/** Import a bundle file as a job; its progress then shows in the list below. */
export function ImportForm() {
  const start = useStartImport();
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const file = (event.currentTarget.elements.namedItem('bundle') as HTMLInputElement).files?.[0];
    if (file) start.mutate(file);
  }
  return (
    <form onSubmit={submit} className="row">
      <label>
        Import a bundle as a job <input type="file" name="bundle" accept=".ndjson,.jsonl,application/x-ndjson" required />
      </label>
      <button type="submit" disabled={start.isPending}>Start import</button>
      {start.isPending && <span role="status">Uploading…</span>}
      {start.isSuccess && <span role="status">Import queued as job {start.data.id}.</span>}
      {start.isError && <span role="alert">Refused: {start.error.message}</span>}
    </form>
  );
}
