import { formatDateTime, formatDecimal } from '../../lib/format';
import { useLeadModel, useRollbackLeadModel } from '../../lib/lead-model';
import { Panel } from '../../ui/page';
import { QueryView } from '../../ui/query-view';

/** Every lead model version with its held-out figures; an older one can be made active again. */
export function ModelVersionsSection() {
  const model = useLeadModel();
  const rollback = useRollbackLeadModel();
  return (
    <Panel title="Lead model versions">
      {rollback.isError && <p role="alert">Not rolled back: {rollback.error.message}</p>}
      <QueryView query={model} what="the model versions" isEmpty={(view) => view.versions.length === 0}
        empty={<p>No model is trained yet; the rules score the leads. Train one on the Leads page.</p>}>
        {(view) => (
          <div className="table-wrap">
            <table>
              <caption className="sr-only">Lead model versions</caption>
              <thead><tr><th scope="col">Version</th><th scope="col">Status</th><th scope="col">Learner</th><th scope="col" className="num">ROC AUC</th><th scope="col" className="num">Log loss</th><th scope="col">Trained</th><th scope="col">Action</th></tr></thead>
              <tbody>
                {view.versions.map((version) => (
                  <tr key={version.id} data-version={version.version}>
                    <td>{version.label}</td>
                    <td>{version.status}</td>
                    <td>{version.metrics.learner}</td>
                    <td className="num">{formatDecimal(version.metrics.test.rocAuc)}</td>
                    <td className="num">{formatDecimal(version.metrics.test.logLoss)}</td>
                    <td>{formatDateTime(version.created_at)}</td>
                    <td>
                      {version.status === 'active' ? 'scoring now' : (
                        <button type="button" disabled={rollback.isPending} onClick={() => rollback.mutate(version.version)}>Make active</button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </QueryView>
    </Panel>
  );
}
