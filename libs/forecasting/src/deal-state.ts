/**
 * The plain facts the forecasting functions read. Callers (the API, the deal-win library's
 * snapshots) map their own records onto these; nothing here knows about the CRM's tables.
 * Times are epoch milliseconds (UTC); money is in the reporting currency.
 */

/** An open deal as it stands at the forecast moment. */
export interface ForecastDeal {
  dealId: string | number;
  name?: string;
  amount: number;
  stage: string;
  createdAt: number;
  stageEnteredAt: number;
  /** Null when the deal has no expected close date: its close time is drawn from the stage's history. */
  expectedCloseAt: number | null;
  /** How many times the expected close date was moved later. */
  closePushes: number;
  ownerId: string | number | null;
  team: string | null;
  products: readonly string[];
  /** Probability of eventually winning, from the deal-win model. */
  winProbability: number;
  // Evidence for risk flags.
  lastActivityAt: number | null;
  contactsEngaged: number;
  decisionMakerEngaged: boolean;
  /** How many times the deal moved back to an earlier stage. */
  stageRegressions: number;
  /** Last activity of the deal's most-engaged contact (the champion); null when none is known. */
  championLastActiveAt: number | null;
  /** Present once email intelligence exists: sentiment of the deal's recent emails. */
  negativeEmailTrend?: NegativeEmailTrend;
}

export interface NegativeEmailTrend {
  /** Emails classified negative within the window. */
  negativeEmails: number;
  /** All classified emails within the window. */
  emails: number;
  windowDays: number;
}

/** When a deal entered a stage. */
export interface StageEntry {
  stage: string;
  enteredAt: number;
}

/** When the expected close date was set to a value. */
export interface ExpectedCloseChange {
  at: number;
  expectedCloseAt: number;
}

/** A deal closed before the forecast moment. */
export interface ClosedDealHistory {
  dealId: string | number;
  amount: number;
  createdAt: number;
  closedAt: number;
  won: boolean;
  /** The expected close date as first set, and as last known before closing (null when never set). */
  firstExpectedCloseAt: number | null;
  lastExpectedCloseAt: number | null;
  /** Every change of the expected close date, when known; otherwise first/last stand in. */
  expectedCloseHistory?: readonly ExpectedCloseChange[];
  /** Stage entries in time order (the open stages; the closing itself is `closedAt`). */
  stagePath: readonly StageEntry[];
  ownerId: string | number | null;
  team: string | null;
  products: readonly string[];
}

/** A customer's subscription to a product. */
export interface SubscriptionState {
  companyId: string | number;
  product: string;
  /** Monthly recurring revenue in the reporting currency. */
  mrr: number;
  startedAt: number;
  endedAt: number | null;
}

/** Everything known at one moment: what the forecast, backtest and health functions read. */
export interface ForecastState {
  now: number;
  openDeals: readonly ForecastDeal[];
  history: readonly ClosedDealHistory[];
  subscriptions?: readonly SubscriptionState[];
  /** Given monthly churn probabilities per company; companies not listed use the learned hazard. */
  monthlyChurnByCompany?: ReadonlyMap<string | number, number>;
  /**
   * How precisely the model behind `winProbability` knows its own level (log-odds sd, e.g. its
   * artefact's `metrics.deployedCalibration.levelStandardError`). Every deal it scores shares that
   * error, so a `learned` win-rate shock adds it to what history shows. Absent: 0.
   */
  winProbabilityLevelSd?: number;
}

export const DAY_MS = 86_400_000;
