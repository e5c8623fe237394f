import { buildDealExamples, DEAL_RULES_VERSION, InsufficientDealDataError, trainDealWinModel } from '@hub/deal-win';
import { backtestForecast, previousQuarterStarts, type ClosedOutcome } from '@hub/forecasting';
import type { ForecastRunResult, ForecastRunSettings } from './forecast-run.store';
import { rulesScorerAt, stateAt, type DealWorld, type WinScorer } from './forecast-state';

export const BACKTEST_QUARTERS = 6;

/**
 * The model the hub would have had at `cutoff`: trained only on deals labelled by then (logistic only:
 * the learner that wins on deal data, at a fraction of the trees' cost), else the stage rules then.
 */
export function scorerTrainedAt(world: DealWorld, cutoff: number): WinScorer {
  const examples = buildDealExamples(world.snapshots, { dataEnd: cutoff, context: world.context });
  try {
    const trained = trainDealWinModel(examples, { learners: ['logistic'] });
    return { method: 'model', model: { artefact: trained.artefact, version: `deal-win@cutoff-${new Date(cutoff).toISOString().slice(0, 10)}` } };
  } catch (error) {
    if (!(error instanceof InsufficientDealDataError)) throw error;
    return rulesScorerAt(world.snapshots, cutoff);
  }
}

/**
 * The forecast made at each of the last six quarter starts from the data as it stood then (deals open
 * then, their facts then, win probabilities from the model of that moment or today's), against what
 * then closed from that pipeline.
 */
export function backtestWorld(
  world: DealWorld, now: number, outcomes: readonly ClosedOutcome[], scorer: WinScorer, settings: Pick<ForecastRunSettings, 'simulations' | 'seed' | 'backtestModels'>,
  onCutoff: (cutoff: number) => void = () => undefined,
): Pick<ForecastRunResult, 'backtest' | 'backtestUnavailable' | 'backtestModels'> {
  const backtestModels: ForecastRunResult['backtestModels'] = [];
  const result = backtestForecast({
    now, cutoffs: previousQuarterStarts(now, BACKTEST_QUARTERS), outcomes, options: { simulations: settings.simulations, seed: settings.seed },
    stateAt: (cutoff) => {
      onCutoff(cutoff);
      const atCutoff = settings.backtestModels === 'active' ? scorer : scorerTrainedAt(world, cutoff);
      backtestModels.push({ cutoff, modelVersion: atCutoff.method === 'model' ? atCutoff.model.version : DEAL_RULES_VERSION });
      return stateAt(world, cutoff, atCutoff).state;
    },
  });
  const backtestUnavailable = result.rows.length === 0
    ? `no past quarter could be backtested: ${result.skipped.map((s) => s.reason).join('; ') || 'no cut-offs'}` : null;
  return { backtest: result.rows.length > 0 ? result : null, backtestUnavailable, backtestModels };
}
