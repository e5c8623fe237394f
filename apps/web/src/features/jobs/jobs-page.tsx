import type { JobView } from '@hub/contracts';
import { useSession } from '../../lib/session';
import { Page } from '../../ui/page';
import { QueryView } from '../../ui/query-view';
import { useCancelJob, useJobs } from './api/job-actions';
import { ImportForm } from './import-form';
import { JobItem } from './job-item';

const RUNNING = ['active', 'waiting', 'delayed'];

/** Jobs with live progress bars (another tab, the CRM or the CLI starting one shows here too), and history. */
export default function JobsPage() {
  const jobs = useJobs();
  const cancel = useCancelJob();
  const { can } = useSession();
  const onCancel = can('write') ? (job: JobView) => cancel.mutate(job.id) : undefined;
  return (
    <Page title="Jobs" intro="Imports, training and rescoring run as jobs; their progress moves here live.">
      <section aria-label="Jobs">
        {can('write') && <ImportForm />}
        {cancel.isError && <p role="alert">Could not cancel: {cancel.error.message}</p>}
        <QueryView query={jobs} what="jobs" isEmpty={(list) => list.items.length === 0} empty={<p>No jobs yet.</p>}>
          {(list) => {
            const running = list.items.filter((job) => RUNNING.includes(job.state));
            const history = list.items.filter((job) => !RUNNING.includes(job.state));
            return (
              <>
                <h2>Running</h2>
                {running.length === 0 ? <p className="empty">Nothing is running.</p> : (
                  <ul className="jobs">{running.map((job) => <JobItem key={job.id} job={job} onCancel={onCancel} />)}</ul>
                )}
                <h2>History</h2>
                {history.length === 0 ? <p className="empty">No finished jobs yet.</p> : (
                  <ul className="jobs">{history.map((job) => <JobItem key={job.id} job={job} />)}</ul>
                )}
              </>
            );
          }}
        </QueryView>
      </section>
    </Page>
  );
}
