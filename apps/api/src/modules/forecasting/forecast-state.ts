import {
  dealFactsAt, dealFeaturesFromFacts, historicalStageWinRates, toEur, type DealContext, type DealFacts, type DealSnapshot, type DealWinModel,
  type StageWinRate,
} from '@hub/deal-win';
import type { ClosedDealHistory, ForecastDeal, ForecastState, SubscriptionState } from '@hub/forecasting';
import { predict } from '@hub/ml';
import type { SubscriptionRow } from './deal-history.queries';

/** Everything the forecast reads, loaded once: deals (in known currencies), their context, subscriptions in EUR. */
export interface DealWorld {
  readonly snapshots: readonly DealSnapshot[];
  readonly context: DealContext;
  readonly names: ReadonlyMap<number, string>;
  readonly subscriptions: readonly SubscriptionState[];
}

/** What gives win probabilities at a moment: a model, or the stage rules' rates as they stood then. */
export type WinScorer =
  | { readonly method: 'model'; readonly model: DealWinModel }
  | { readonly method: 'rules'; readonly rates: Readonly<Record<string, StageWinRate>> };

export function rulesScorerAt(snapshots: readonly DealSnapshot[], at: number): WinScorer {
  return { method: 'rules', rates: historicalStageWinRates(snapshots, at) };
}

/**
 * The model's own level error, for the forecast's shared shock (amount-weighted, from the rows its
 * calibrator was fitted on); 0 for the stage rules and for models trained before it was recorded.
 */
export function scorerLevelSd(scorer: WinScorer): number {
  return scorer.method === 'model' ? (scorer.model.artefact.metrics.deployedCalibration?.levelStandardError ?? 0) : 0;
}

export function scorerVersion(scorer: WinScorer, rulesVersion: string): string {
  return scorer.method === 'model' ? scorer.model.version : rulesVersion;
}

/** Win probabilities of open deals at `at`, in one batch for a model. */
export function winProbabilities(scorer: WinScorer, deals: readonly { snapshot: DealSnapshot; facts: DealFacts }[], context: DealContext): number[] {
  if (scorer.method === 'model') {
    return [...predict(scorer.model.artefact, deals.map((d) => dealFeaturesFromFacts(d.snapshot, d.facts, context)))];
  }
  const unknown = scorer.rates['unknown']?.rate ?? 0.25;
  return deals.map((d) => scorer.rates[d.facts.stage]?.rate ?? unknown);
}

export function forecastDealOf(facts: DealFacts, winProbability: number, name?: string): ForecastDeal {
  return {
    dealId: facts.dealId,
    ...(name === undefined ? {} : { name }),
    amount: facts.amountEur,
    stage: facts.stage,
    createdAt: facts.createdAt,
    stageEnteredAt: facts.stageEnteredAt ?? facts.createdAt,
    expectedCloseAt: facts.expectedCloseAt,
    closePushes: facts.closePushes,
    ownerId: facts.ownerId,
    team: facts.team,
    products: facts.products,
    winProbability,
    lastActivityAt: facts.lastActivityAt,
    contactsEngaged: facts.contactsEngaged,
    decisionMakerEngaged: facts.decisionMakerEngaged,
    stageRegressions: facts.stageRegressions,
    championLastActiveAt: facts.championLastActiveAt,
  };
}

export function closedHistoryOf(facts: DealFacts): ClosedDealHistory {
  const changes = facts.expectedCloseHistory.flatMap((c) => (c.expectedCloseAt === null ? [] : [{ at: c.at, expectedCloseAt: c.expectedCloseAt }]));
  return {
    dealId: facts.dealId,
    amount: facts.amountEur,
    createdAt: facts.createdAt,
    closedAt: facts.closedAt!,
    won: facts.won === true,
    firstExpectedCloseAt: facts.firstExpectedCloseAt,
    lastExpectedCloseAt: facts.expectedCloseAt,
    expectedCloseHistory: changes,
    stagePath: facts.stagePath,
    ownerId: facts.ownerId,
    team: facts.team,
    products: facts.products,
  };
}

export interface StateAt {
  state: ForecastState;
  /** The open deals with their facts and probabilities, in the order of `state.openDeals`. */
  open: { snapshot: DealSnapshot; facts: DealFacts; probability: number }[];
}

/**
 * The world as it stood at `at`: deals open then (with the scorer's probabilities then), deals closed
 * before it, and the subscriptions (the caller decides whether they belong: backtests drop them).
 */
export function stateAt(world: DealWorld, at: number, scorer: WinScorer): StateAt {
  const open: { snapshot: DealSnapshot; facts: DealFacts }[] = [];
  const history: ClosedDealHistory[] = [];
  for (const snapshot of world.snapshots) {
    const facts = dealFactsAt(snapshot, at, world.context);
    if (!facts.existed) continue;
    if (facts.isOpen) open.push({ snapshot, facts });
    else if (facts.closedAt !== null) history.push(closedHistoryOf(facts));
  }
  const probabilities = winProbabilities(scorer, open, world.context);
  const scored = open.map((d, i) => ({ ...d, probability: probabilities[i]! }));
  return {
    state: {
      now: at,
      openDeals: scored.map((d) => forecastDealOf(d.facts, d.probability, world.names.get(d.facts.dealId))),
      history,
      subscriptions: world.subscriptions,
      winProbabilityLevelSd: scorerLevelSd(scorer),
    },
    open: scored,
  };
}

/** Subscriptions in EUR; the caller has dropped those whose currency has no rate. */
export function subscriptionStates(rows: readonly SubscriptionRow[], rates: Readonly<Record<string, number>>): SubscriptionState[] {
  return rows.map((row) => ({
    companyId: row.company_id, product: row.product, mrr: toEur(row.mrr, row.currency, rates), startedAt: row.started_at, endedAt: row.ended_at,
  }));
}
