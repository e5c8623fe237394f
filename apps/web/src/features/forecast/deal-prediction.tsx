import { formatDateTime, formatMoney, formatPercent } from '../../lib/format';
import { Panel } from '../../ui/page';
import { Skeleton } from '../../ui/skeleton';
import { useDealPrediction } from './api/get-deal-prediction';
import { LazyDealWaterfall } from './charts/lazy-charts';
import { stageLabel } from './forecast-format';
import { ProblemState } from './forecast-problem';

/** A deal's chance to win now, the factors behind it and its risk flags. */
export function DealPrediction({ dealId }: { dealId: number | undefined }) {
  const prediction = useDealPrediction(dealId);
  return (
    <Panel title="Deal prediction" className="deal-prediction">
      {dealId === undefined ? <p className="empty">Choose a deal in the risk table to see its chance to win and why.</p>
        : prediction.isPending ? <Skeleton lines={5} label="Loading the deal's prediction" />
          : prediction.isError ? <ProblemState what="the deal's prediction" error={prediction.error} retry={() => void prediction.refetch()} />
            : (() => {
              const p = prediction.data;
              return (
                <div data-testid="deal-prediction" data-deal-id={p.dealId} data-probability={p.probability} className="prediction-layout">
                  <div>
                    <p>
                      Deal {p.dealId} ({stageLabel(p.stage)}, {formatMoney(p.amount, p.currency)}): <strong data-testid="deal-probability">{formatPercent(p.probability)}</strong> chance to win,
                      {' '}{p.confidenceLevel} confidence; {p.method === 'model' ? p.modelVersion : `the stage rules (${p.modelVersion}) until a model is trained`}, as of {formatDateTime(p.asOf)}.
                    </p>
                    {p.risks.length > 0 ? (
                      <ul className="flags" aria-label="Risk flags">{p.risks.map((flag) => <li key={flag.code} data-flag={flag.code}>{flag.phrase}</li>)}</ul>
                    ) : <p className="muted">No risk flag.</p>}
                  </div>
                  {p.factors.length > 0 && (
                    <div>
                      <h3>Why this chance</h3>
                      <ul className="sr-only" aria-label="Factors">{p.factors.map((f) => <li key={f.feature}>{f.phrase}</li>)}</ul>
                      <LazyDealWaterfall baseLogOdds={p.baseLogOdds} factors={p.factors} />
                    </div>
                  )}
                </div>
              );
            })()}
    </Panel>
  );
}
