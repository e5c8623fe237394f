import type { DealWinRegistryView } from '@hub/contracts';
import { formatCount, formatDateTime, formatDecimal } from '../../lib/format';
import { useSession } from '../../lib/session';
import { Panel } from '../../ui/page';
import { QueryView } from '../../ui/query-view';
import { useDealWinModel } from './api/deal-win-model';
import { RecomputeButton, TrainDealWinButton } from './job-buttons';

/** What gives the win probabilities, how it did on deals it never saw, and the jobs that refresh it all. */
export function DealWinModelCard() {
  const model = useDealWinModel();
  const { can } = useSession();
  return (
    <Panel title="Deal-win model">
      <QueryView query={model} what="the deal-win model">
        {(view) => (
          <>
            <ModelSummary view={view} />
            <Sufficiency view={view} />
            {can('write') && <div className="row job-buttons"><TrainDealWinButton /><RecomputeButton /></div>}
          </>
        )}
      </QueryView>
    </Panel>
  );
}

function ModelSummary({ view }: { view: DealWinRegistryView }) {
  if (!view.active) return <p data-testid="deal-model-method">Win probabilities come from the stage rules (historical win rate per stage): no model is trained yet.</p>;
  const { test, learner, calibration, rows } = view.active.metrics;
  const metrics: [string, number | null][] = [
    ['ROC AUC', test.rocAuc], ['PR AUC', test.prAuc], ['Log loss', test.logLoss], ['Brier score', test.brierScore], ['Calibration error (ECE)', test.expectedCalibrationError],
  ];
  return (
    <>
      <p data-testid="deal-model-method">
        Predicted by <strong>{view.active.label}</strong> ({learner}, {calibration} calibration), trained {formatDateTime(view.active.created_at)}.
        Held out: {formatCount(test.count)} samples of the newest closed deals ({formatCount(rows.train)} used to train).
      </p>
      <dl className="metrics">
        {metrics.map(([label, value]) => <div key={label} data-metric={label}><dt>{label}</dt><dd>{formatDecimal(value)}</dd></div>)}
      </dl>
    </>
  );
}

function Sufficiency({ view }: { view: DealWinRegistryView }) {
  const s = view.sufficiency;
  return (
    <div className="sufficiency" data-testid="deal-sufficiency">
      <label htmlFor="deal-sufficiency-meter">Training data</label>
      <meter id="deal-sufficiency-meter" min={0} max={1} low={0.99} optimum={1} value={s.ratio} />
      <small>
        {formatCount(s.wins)} won deals ({formatCount(s.winsNeeded)} needed) and {formatCount(s.closedDeals)} closed ({formatCount(s.closedDealsNeeded)} needed): {s.reason}.
      </small>
    </div>
  );
}
