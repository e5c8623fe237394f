import { DAY_MS, type ClosedDealHistory, type ForecastDeal } from '../deal-state';

/** Small hand-built records for tests: defaults that raise no risk flag, overridable field by field. */
export function openDeal(now: number, overrides: Partial<ForecastDeal> = {}): ForecastDeal {
  return {
    dealId: 'd1',
    amount: 1000,
    stage: 'proposal',
    createdAt: now - 40 * DAY_MS,
    stageEnteredAt: now - 5 * DAY_MS,
    expectedCloseAt: now + 30 * DAY_MS,
    closePushes: 0,
    ownerId: 'rep-1',
    team: 'east',
    products: ['core'],
    winProbability: 0.5,
    lastActivityAt: now - DAY_MS,
    contactsEngaged: 3,
    decisionMakerEngaged: true,
    stageRegressions: 0,
    championLastActiveAt: now - DAY_MS,
    ...overrides,
  };
}

/** A won (or lost) deal closed `slipDays` after its expected date, having passed through `stages`. */
export function closedDeal(id: number, expectedCloseAt: number, slipDays: number, overrides: Partial<ClosedDealHistory> = {}): ClosedDealHistory {
  const closedAt = expectedCloseAt + slipDays * DAY_MS;
  const createdAt = expectedCloseAt - 60 * DAY_MS;
  return {
    dealId: id,
    amount: 1000,
    createdAt,
    closedAt,
    won: true,
    firstExpectedCloseAt: expectedCloseAt,
    lastExpectedCloseAt: expectedCloseAt,
    stagePath: [{ stage: 'negotiation', enteredAt: createdAt }],
    ownerId: 'rep-1',
    team: 'east',
    products: ['core'],
    ...overrides,
  };
}
