import type { TrainDealWinResult } from '@hub/contracts';
import { DEAL_RULES_VERSION } from '@hub/deal-win';
import type { SingleBar } from 'cli-progress';
import type { DataSource } from 'typeorm';
import { CLI_ACTOR } from '../core/auth/hub-principal';
import type { HubConfig } from '../core/config/hub-config';
import { AuditService } from '../modules/audit/audit.service';
import { DealWinEngine } from '../modules/forecasting/deal-win.engine';
import { ForecastEngine } from '../modules/forecasting/forecast.engine';

const figure = (value: number | null | undefined, digits = 3) => (value === null || value === undefined ? 'n/a' : value.toFixed(digits));

/**
 * `hub train deal-win`: trains in this process, registers the version and recomputes the forecast
 * with it (no worker or Redis needed; no webhook is sent). Exit 0 with the result as JSON on stdout
 * and the held-out metrics on stderr; 1 when the data is insufficient (the stage rules keep predicting).
 */
export async function trainDealWin(config: HubConfig, dataSource: DataSource, bar?: SingleBar): Promise<number> {
  const started = performance.now();
  const rates = config.forecasting.fxRates;
  const trained = await new DealWinEngine(dataSource, rates).train(CLI_ACTOR, {
    onProgress: (percent, message) => bar?.update(Math.round(percent * 0.7), { message }),
  });
  const run = await new ForecastEngine(dataSource, rates).recompute('cli', {
    onProgress: (percent, message) => bar?.update(Math.round(70 + percent * 0.3), { message }),
  });
  bar?.update(100, { message: 'done' });
  bar?.stop();
  await new AuditService(dataSource).recordQuietly({
    keyId: CLI_ACTOR, operation: 'deal.model.train', outcome: 'ok', subjectType: 'model',
    modelVersion: trained.version?.label ?? DEAL_RULES_VERSION, durationMs: performance.now() - started,
    detail: { outcome: trained.outcome, wins: trained.sufficiency.wins, closedDeals: trained.sufficiency.closedDeals, forecastRun: run.runId },
  });
  for (const [code, count] of Object.entries(trained.skippedCurrencies)) {
    process.stderr.write(`Warning: ${count} deals in ${code} left out: no EUR rate for ${code} (add it to HUB_FX_RATES).\n`);
  }
  if (trained.version) {
    const { test, learner, calibration, rows } = trained.version.metrics;
    process.stderr.write(
      `Registered ${trained.version.label} (${learner}, ${calibration} calibration) on ${trained.sufficiency.closedDeals} closed deals (${rows.train + rows.calibration + rows.test} rows).\n` +
        `Held out (newest ${rows.test} rows): ROC AUC ${figure(test.rocAuc)}, PR AUC ${figure(test.prAuc)}, log loss ${figure(test.logLoss)}, ` +
        `Brier ${figure(test.brierScore)}, ECE ${figure(test.expectedCalibrationError)}.\n`,
    );
  } else {
    process.stderr.write(`No model registered: ${trained.reason}.\n`);
  }
  const backtest = run.result.backtest;
  process.stderr.write(`Forecast run ${run.runId} over ${run.openDeals} open deals${backtest ? `; backtest MAPE ${figure(backtest.mape)}, P10-P90 coverage ${figure(backtest.coverage, 2)}` : ''}.\n`);
  const result: TrainDealWinResult = { ...trained, recomputeJobId: null };
  process.stdout.write(JSON.stringify({ ...result, forecastRunId: run.runId }, null, 2) + '\n');
  return trained.outcome === 'model' ? 0 : 1;
}
