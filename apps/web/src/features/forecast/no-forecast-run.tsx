import { useSession } from '../../lib/session';
import { Panel } from '../../ui/page';
import { RecomputeButton } from './job-buttons';

/** The hub has not computed a forecast yet: said plainly, with the way to get one. */
export function NoForecastRun({ detail }: { detail: string }) {
  const { can } = useSession();
  return (
    <Panel title="No forecast yet">
      <div className="empty" data-testid="no-forecast-run">
        <p>No forecast has been computed yet, so there are no figures to show.</p>
        <p className="muted">{detail}</p>
        {can('write') ? <RecomputeButton /> : <p>A key with write scope can start one; it is also recomputed every night.</p>}
      </div>
    </Panel>
  );
}
