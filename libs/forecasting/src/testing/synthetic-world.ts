import { createSeededRandom, type SeededRandom } from '@hub/ml';
import { quarterStartOf } from '../calendar/periods';
import { DAY_MS, type ClosedDealHistory, type ForecastDeal, type ForecastState, type StageEntry } from '../deal-state';

/**
 * A synthetic sales world whose truth is known by construction, for tests and the benchmark:
 * deals are created at a steady rate, each with a true win probability, an expected close date set
 * at creation and never moved, and an actual close at expected + slippage (normal, planted shift).
 * Lost deals close on the same clock as won ones, so being still open says nothing about the
 * outcome and the true probability stays calibrated at every cut-off.
 */
export interface SyntheticWorldSettings {
  seed: number;
  start: number;
  end: number;
  dealsPerDay: number;
  slipMeanDays: number;
  slipSdDays: number;
  /** Expected close lies this many days after creation, uniformly. */
  leadDays: [number, number];
  winProbability: [number, number];
  /**
   * A planted common shock: every deal closing in a calendar quarter has its win log-odds moved by
   * that quarter's Normal(0, sd²) draw, while its `p` (what a model would say) stays unshocked.
   */
  quarterShockSd?: number;
}

export interface SyntheticDeal {
  id: number;
  amount: number;
  p: number;
  won: boolean;
  createdAt: number;
  expectedCloseAt: number;
  closedAt: number;
  stagePath: StageEntry[];
  ownerId: string;
  team: string;
  products: string[];
}

export const STAGES = ['prospecting', 'qualification', 'proposal', 'negotiation'] as const;
const STAGE_SHARE = [0, 0.3, 0.6, 0.85];

export function normal(random: SeededRandom): number {
  return Math.sqrt(-2 * Math.log(1 - random.next())) * Math.cos(2 * Math.PI * random.next());
}

/** The planted shift of a quarter's win log-odds, from its own stream so other draws do not move. */
function quarterShock(settings: SyntheticWorldSettings, closedAt: number): number {
  if (!settings.quarterShockSd) return 0;
  return settings.quarterShockSd * normal(createSeededRandom((settings.seed * 7919) ^ Math.round(quarterStartOf(closedAt) / DAY_MS)));
}

function shifted(p: number, shift: number): number {
  return shift === 0 ? p : 1 / (1 + Math.exp(-(Math.log(p / (1 - p)) + shift)));
}

export function syntheticDeals(settings: SyntheticWorldSettings): SyntheticDeal[] {
  const random = createSeededRandom(settings.seed);
  const count = Math.round(((settings.end - settings.start) / DAY_MS) * settings.dealsPerDay);
  return Array.from({ length: count }, (_, id) => {
    const createdAt = settings.start + random.next() * (settings.end - settings.start);
    const lead = settings.leadDays[0] + random.next() * (settings.leadDays[1] - settings.leadDays[0]);
    const expectedCloseAt = createdAt + lead * DAY_MS;
    const closedAt = Math.max(createdAt + DAY_MS, expectedCloseAt + (settings.slipMeanDays + settings.slipSdDays * normal(random)) * DAY_MS);
    const p = settings.winProbability[0] + random.next() * (settings.winProbability[1] - settings.winProbability[0]);
    const owner = Math.floor(random.next() * 6);
    return {
      id,
      amount: Math.round(5000 * Math.exp(0.8 * normal(random))),
      p,
      won: random.next() < shifted(p, quarterShock(settings, closedAt)),
      createdAt,
      expectedCloseAt,
      closedAt,
      stagePath: STAGES.map((stage, i) => ({ stage, enteredAt: createdAt + STAGE_SHARE[i]! * (closedAt - createdAt) })),
      ownerId: `rep-${owner}`,
      team: owner < 3 ? 'east' : 'west',
      products: random.next() < 0.5 ? ['core'] : ['core', 'analytics'],
    };
  });
}

export function asOpenDeal(deal: SyntheticDeal, now: number): ForecastDeal {
  const entered = deal.stagePath.filter((s) => s.enteredAt <= now);
  const current = entered[entered.length - 1]!;
  return {
    dealId: deal.id,
    amount: deal.amount,
    stage: current.stage,
    createdAt: deal.createdAt,
    stageEnteredAt: current.enteredAt,
    expectedCloseAt: deal.expectedCloseAt,
    closePushes: 0,
    ownerId: deal.ownerId,
    team: deal.team,
    products: deal.products,
    winProbability: deal.p,
    lastActivityAt: now - 2 * DAY_MS,
    contactsEngaged: 3,
    decisionMakerEngaged: true,
    stageRegressions: 0,
    championLastActiveAt: now - 2 * DAY_MS,
  };
}

export function asClosedDeal(deal: SyntheticDeal): ClosedDealHistory {
  return {
    dealId: deal.id,
    amount: deal.amount,
    createdAt: deal.createdAt,
    closedAt: deal.closedAt,
    won: deal.won,
    firstExpectedCloseAt: deal.expectedCloseAt,
    lastExpectedCloseAt: deal.expectedCloseAt,
    stagePath: deal.stagePath,
    ownerId: deal.ownerId,
    team: deal.team,
    products: deal.products,
  };
}

/** The world as it stood at `now`: deals open then (with their true probability) and those closed before. */
export function worldStateAt(deals: readonly SyntheticDeal[], now: number): ForecastState {
  return {
    now,
    openDeals: deals.filter((d) => d.createdAt <= now && d.closedAt > now).map((d) => asOpenDeal(d, now)),
    history: deals.filter((d) => d.closedAt <= now).map(asClosedDeal),
  };
}
