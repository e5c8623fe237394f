import { companySegment, timeMs } from '@hub/lead-scoring';
import { DAY_MS } from '../deal-win-settings';
import { closedAtOf, type DealSnapshot } from '../snapshot/deal-snapshot';
import type { WinRateAt } from '../snapshot/owner-win-rates';
import { toEur } from './currency';
import type { DealContext } from './deal-context';
import { engagementFacts, type ContactEngagement, type TouchCounts } from './engagement-facts';
import { closeDateFacts, type ExpectedCloseChange } from './close-date-facts';
import { stageFacts, type StageEntry } from './stage-facts';

export type { ContactEngagement, ExpectedCloseChange, StageEntry, TouchCounts };

/**
 * A deal as it stood at `at` (epoch ms), from what was known strictly before it. The forecasting library
 * and the deal-risk flags read these; the model's features are computed from them.
 */
export interface DealFacts {
  readonly dealId: number;
  readonly at: number;
  readonly createdAt: number;
  /** Created before `at`; a deal not created yet has no stage and no activity. */
  readonly existed: boolean;
  /** Last `stage_changed` before `at`; `unknown` when the CRM logged no history for it. */
  readonly stage: string;
  readonly isOpen: boolean;
  /** Set when the deal had closed before `at`. */
  readonly won: boolean | null;
  readonly closedAt: number | null;
  readonly stageEnteredAt: number | null;
  readonly daysInStage: number | null;
  readonly ageDays: number;
  /** Stage entries in time order, up to `at`. */
  readonly stagePath: readonly StageEntry[];
  /** Moves back to an earlier open stage. */
  readonly stageRegressions: number;
  readonly expectedCloseAt: number | null;
  readonly firstExpectedCloseAt: number | null;
  readonly expectedCloseHistory: readonly ExpectedCloseChange[];
  /** `expected_close_date` changes to a later date before `at`. */
  readonly closePushes: number;
  /** Days from `at` to the expected close date; negative when it has passed. */
  readonly daysToExpectedClose: number | null;
  readonly lastActivityAt: number | null;
  readonly daysSinceLastActivity: number | null;
  readonly touches: TouchCounts;
  readonly contactsEngaged: number;
  readonly decisionMakerEngaged: boolean;
  /** Every contact touched on the deal, most engaged first. */
  readonly contacts: readonly ContactEngagement[];
  /** The contact who responded most (the champion) and when they last responded (else were last touched). */
  readonly championContactId: number | null;
  readonly championLastActiveAt: number | null;
  readonly budgetConfirmed: boolean | null;
  readonly amount: number;
  readonly currency: string;
  readonly amountEur: number;
  readonly products: readonly string[];
  readonly ownerId: number | null;
  readonly team: string | null;
  readonly ownerWinRate: WinRateAt | null;
  readonly companySegment: string | null;
}

const days = (ms: number) => ms / DAY_MS;

/**
 * The deal at `at`. Reads the deal's current `stage`, `closed_at` and `expected_close_date` only to
 * replay them: the stage from the `stage_changed` history, the close date backwards through its pushes.
 * Amount, currency, products and `budget_confirmed` have no history in the contract and stand as they are.
 */
export function dealFactsAt(snapshot: DealSnapshot, at: number, context: DealContext = {}): DealFacts {
  if (!Number.isFinite(at)) throw new RangeError(`deal ${snapshot.deal.id}: the moment must be a time (epoch ms), got ${at}`);
  const { deal } = snapshot;
  const createdAt = timeMs(deal.created_at);
  if (!Number.isFinite(createdAt)) throw new RangeError(`deal ${deal.id} has no readable created_at: ${String(deal.created_at)}`);
  const closed = closedAtOf(snapshot);
  const closedBefore = closed && closed.at < at ? closed : null;
  const stages = stageFacts(snapshot, at, closedBefore !== null);
  const close = closeDateFacts(snapshot, at);
  const engagement = engagementFacts(snapshot, at);
  const isOpen = createdAt < at && closedBefore === null && stages.stage !== 'closed_won' && stages.stage !== 'closed_lost';
  const employees = snapshot.company?.employees;
  return {
    dealId: deal.id,
    at,
    createdAt,
    existed: createdAt < at,
    stage: stages.stage,
    isOpen,
    won: closedBefore ? closedBefore.won : null,
    closedAt: closedBefore ? closedBefore.at : null,
    stageEnteredAt: stages.enteredAt,
    daysInStage: stages.enteredAt === null ? null : days(at - stages.enteredAt),
    ageDays: days(at - createdAt),
    stagePath: stages.path,
    stageRegressions: stages.regressions,
    expectedCloseAt: close.expectedCloseAt,
    firstExpectedCloseAt: close.firstExpectedCloseAt,
    expectedCloseHistory: close.history,
    closePushes: close.pushes,
    daysToExpectedClose: close.expectedCloseAt === null ? null : days(close.expectedCloseAt - at),
    lastActivityAt: engagement.lastActivityAt,
    daysSinceLastActivity: engagement.lastActivityAt === null ? null : days(at - engagement.lastActivityAt),
    touches: engagement.touches,
    contactsEngaged: engagement.contacts.length,
    decisionMakerEngaged: engagement.contacts.some((c) => c.isDecisionMaker),
    contacts: engagement.contacts,
    championContactId: engagement.champion?.contactId ?? null,
    championLastActiveAt: engagement.champion ? engagement.champion.lastResponseAt ?? engagement.champion.lastTouchAt : null,
    budgetConfirmed: deal.budget_confirmed ?? null,
    amount: deal.amount,
    currency: deal.currency,
    amountEur: toEur(deal.amount, deal.currency, context.rates),
    products: deal.products ?? [],
    ownerId: deal.owner_id ?? null,
    team: snapshot.owner?.team ?? null,
    ownerWinRate: context.ownerWinRates ? context.ownerWinRates.at(deal.owner_id, at) : null,
    companySegment: companySegment(employees),
  };
}
