import { SingleBar } from 'cli-progress';
import { DEAL_WIN_MODEL_KIND } from '@hub/deal-win';
import { LEAD_MODEL_KIND, RULES_VERSION } from '@hub/lead-scoring';
import type { HubConfig } from '../core/config/hub-config';
import { CLI_ACTOR } from '../core/auth/hub-principal';
import { AuditService } from '../modules/audit/audit.service';
import { LeadScoringEngine } from '../modules/lead-scoring/lead-scoring.engine';
import { openStore } from './open-store';
import { trainDealWin } from './train-deal-win-command';

export const TRAINABLE_KINDS = [LEAD_MODEL_KIND, DEAL_WIN_MODEL_KIND] as const;

const figure = (value: number | null | undefined, digits = 3) => (value === null || value === undefined ? 'n/a' : value.toFixed(digits));

/**
 * `hub train lead-score`: trains in this process (no worker or Redis needed), registers the version,
 * rescores the open leads. Exit 0 with the result as JSON on stdout and the held-out metrics on
 * stderr; 1 when the data is insufficient (nothing registered, the rules keep scoring).
 */
export async function runTrain(config: HubConfig, kind: string): Promise<number> {
  if (!(TRAINABLE_KINDS as readonly string[]).includes(kind)) {
    process.stderr.write(`hub train: unknown model kind "${kind}"; known: ${TRAINABLE_KINDS.join(', ')}\n`);
    return 2;
  }
  const bar = process.stderr.isTTY ? new SingleBar({ format: 'train [{bar}] {percentage}% | {message}', stream: process.stderr, hideCursor: true }) : undefined;
  bar?.start(100, 0, { message: 'loading leads' });
  const store = await openStore(config, 'join');
  try {
    if (kind === DEAL_WIN_MODEL_KIND) return await trainDealWin(config, store.dataSource, bar);
    const started = performance.now();
    const result = await new LeadScoringEngine(store.dataSource).train(CLI_ACTOR, {
      onProgress: (percent, message) => bar?.update(Math.round(percent), { message }),
    });
    bar?.update(100, { message: 'done' });
    bar?.stop();
    await new AuditService(store.dataSource).recordQuietly({
      keyId: CLI_ACTOR, operation: 'lead.model.train', outcome: 'ok', subjectType: 'model',
      modelVersion: result.version?.label ?? RULES_VERSION, durationMs: performance.now() - started,
      detail: { outcome: result.outcome, rescored: result.rescored, conversions: result.sufficiency.conversions },
    });
    if (result.version) {
      const { test, learner, calibration, rows } = result.version.metrics;
      process.stderr.write(
        `Registered ${result.version.label} (${learner}, ${calibration} calibration) on ${rows.train + rows.calibration + rows.test} labelled leads.\n` +
          `Held out (newest ${rows.test} leads): ROC AUC ${figure(test.rocAuc)}, PR AUC ${figure(test.prAuc)}, log loss ${figure(test.logLoss)}, ` +
          `Brier ${figure(test.brierScore)}, ECE ${figure(test.expectedCalibrationError)}, lift in top decile ${figure(test.liftTopDecile, 2)}.\n` +
          `Rescored ${result.rescored} open leads in ${(result.durationMs / 1000).toFixed(1)} s.\n`,
      );
    } else {
      process.stderr.write(`No model registered: ${result.reason}. Rescored ${result.rescored} open leads with the rules.\n`);
    }
    process.stdout.write(JSON.stringify(result, null, 2) + '\n');
    return result.outcome === 'model' ? 0 : 1;
  } finally {
    bar?.stop();
    await store.close();
  }
}
