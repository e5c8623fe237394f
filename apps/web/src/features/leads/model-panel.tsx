import type { LeadModelRegistryView } from '@hub/contracts';
import { formatDateTime, formatDecimal } from '../../lib/format';
import { useLeadModel } from '../../lib/lead-model';
import { useSession } from '../../lib/session';
import { Panel } from '../../ui/page';
import { QueryView } from '../../ui/query-view';
import { CalibrationChart } from './calibration-chart';
import { SufficiencyMeter } from './sufficiency-meter';
import { TrainButton } from './train-button';

/** What scores the leads now, how well it did on leads it never saw, and a way to retrain. */
export function ModelPanel() {
  const model = useLeadModel();
  const { can } = useSession();
  return (
    <Panel title="Lead model">
      <QueryView query={model} what="the lead model">
        {(view) => (
          <>
            <ModelSummary view={view} />
            <SufficiencyMeter sufficiency={view.sufficiency} />
            {can('write') && <TrainButton />}
          </>
        )}
      </QueryView>
    </Panel>
  );
}

function ModelSummary({ view }: { view: LeadModelRegistryView }) {
  if (!view.active) return <p data-testid="model-method">Scored by the documented rules: no model is trained yet.</p>;
  const test = view.active.metrics.test;
  const metrics: [string, number | null][] = [
    ['ROC AUC', test.rocAuc], ['PR AUC', test.prAuc], ['Log loss', test.logLoss], ['Brier score', test.brierScore],
    ['Calibration error (ECE)', test.expectedCalibrationError], ['Lift, top decile', test.liftTopDecile],
  ];
  return (
    <>
      <p data-testid="model-method">
        Scored by <strong>{view.active.label}</strong> ({view.active.metrics.learner}, {view.active.metrics.calibration} calibration), trained {formatDateTime(view.active.created_at)}.
        Held-out: {test.count} leads, the newest labelled ones.
      </p>
      <dl className="metrics">
        {metrics.map(([label, value]) => (
          <div key={label} data-metric={label}><dt>{label}</dt><dd>{formatDecimal(value)}</dd></div>
        ))}
      </dl>
      {test.calibration.length > 0 && <CalibrationChart bins={test.calibration} />}
    </>
  );
}
