import { generateDemo, type DemoSize } from '@hub/demo-data';
import { buildDealExamples, dealContext, dealSnapshotsFromRecords, trainDealWinModel } from '@hub/deal-win';
import type { ClosedOutcome } from '@hub/forecasting';
import { stateAt, type DealWorld, type WinScorer } from '../../src/modules/forecasting/forecast-state';

export interface DemoDealWorld {
  world: DealWorld;
  /** Just after the demo data's end. */
  now: number;
  outcomes: ClosedOutcome[];
  /** Today's model, trained on every deal labelled by `now`. */
  active(): WinScorer;
}

/** The world the forecast job builds from a store, built straight from generated demo records (no store). */
export function demoDealWorld(size: DemoSize, seed: number): DemoDealWorld {
  const demo = generateDemo({ size, seed });
  const snapshots = [...dealSnapshotsFromRecords(demo.records).values()];
  const context = dealContext(snapshots);
  const world: DealWorld = { snapshots, context, names: new Map(), subscriptions: [] };
  const now = Date.parse(demo.truth.asOf) + 1;
  const outcomes = stateAt(world, now, { method: 'rules', rates: {} }).state.history
    .map((h) => ({ dealId: h.dealId, amount: h.amount, closedAt: h.closedAt, won: h.won }));
  return {
    world, now, outcomes,
    active: () => ({ method: 'model', model: { artefact: trainDealWinModel(buildDealExamples(snapshots, { dataEnd: now - 1, context })).artefact, version: 'deal-win@now' } }),
  };
}
