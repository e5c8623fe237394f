import type { RecomputeForecastResult, TrainDealWinResult } from '@hub/contracts';
import { formatPercent } from '../../lib/format';
import { useRecomputeForecast, useTrainDealWinModel } from './api/deal-win-model';
import { isRunning, JobFollower, useLiveJob } from './job-follower';

/** Recomputes the forecast (predictions, simulation, backtest, health, risks) and follows the job live. */
export function RecomputeButton() {
  const recompute = useRecomputeForecast();
  const job = useLiveJob(recompute.data?.id, recompute.data);
  return (
    <div className="train" data-testid="recompute">
      <button type="button" onClick={() => recompute.mutate()} disabled={recompute.isPending || isRunning(job)}>
        {isRunning(job) ? 'Recomputing…' : 'Recompute the forecast'}
      </button>
      {recompute.isError && <p role="alert">The recompute was not started: {recompute.error.message}</p>}
      {job && <JobFollower job={job} what="Recompute" done={describeRecompute} />}
    </div>
  );
}

/** Trains a deal-win model; the hub then recomputes the forecast with it, followed here too. */
export function TrainDealWinButton() {
  const train = useTrainDealWinModel();
  const job = useLiveJob(train.data?.id, train.data);
  const result = job?.state === 'completed' ? (job.result as TrainDealWinResult | undefined) : undefined;
  const recompute = useLiveJob(result?.recomputeJobId ?? undefined);
  return (
    <div className="train" data-testid="train-deal-win">
      <button type="button" onClick={() => train.mutate()} disabled={train.isPending || isRunning(job) || isRunning(recompute)}>
        {isRunning(job) ? 'Training…' : 'Train a new model'}
      </button>
      {train.isError && <p role="alert">Training was not started: {train.error.message}</p>}
      {job && <JobFollower job={job} what="Training" done={describeTraining} />}
      {recompute && <JobFollower job={recompute} what="Forecast recompute" done={describeRecompute} />}
      {result?.recomputeJobId && !recompute && <p className="muted">A forecast recompute is queued.</p>}
    </div>
  );
}

function describeTraining(value: unknown): string {
  const result = value as Partial<TrainDealWinResult> | undefined;
  if (result?.outcome === 'model') return `${result.version?.label ?? 'a new version'} is active; the forecast is recomputed with it.`;
  if (result?.outcome === 'rules') return `no model registered: ${result.reason ?? 'not enough closed deals'}; the stage rules keep predicting.`;
  return 'done.';
}

function describeRecompute(value: unknown): string {
  const result = value as Partial<RecomputeForecastResult> | undefined;
  if (result?.runId === undefined) return 'done.';
  const coverage = result.backtestCoverage === null || result.backtestCoverage === undefined ? '' : `, backtest coverage ${formatPercent(result.backtestCoverage)}`;
  return `forecast run ${result.runId} over ${result.openDeals ?? 0} open deals (${result.modelVersion})${coverage}.`;
}
