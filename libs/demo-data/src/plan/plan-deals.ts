import type { DealStage } from '@hub/contracts';
import type { Random } from '../core/random';
import { DAY, isoDate, workingTime } from '../core/time';
import { dealSizeNorm, EUR_TO, type Segment } from '../catalog/firmographics';
import { ADD_ON_CODES, PLATFORM_BY_SEGMENT, productByCode, RETIRED_PRODUCT_CODES } from '../catalog/products';
import {
  DEAL_SCORING_OFFSET_DAYS, drawDealObservables, drawOwnerIndex, type Competitor, type ScoredStage,
} from '../signal/deal-signal';
import type { ContactPlan, DealPlan, StageEvent, UserPlan } from './plan-types';

const OPEN_PATH: readonly DealStage[] = ['prospecting', 'qualification', 'proposal', 'negotiation'];

/** Days from the deal's scoring moment to a win, by segment; keeps conversion inside the lead horizon. */
const WIN_AFTER_SCORING: Record<Segment, [number, number]> = {
  SMB: [14, 50], 'Mid-Market': [20, 70], Enterprise: [35, 85],
};
/** The close date a rep first enters, days after creation. */
const EXPECTED_CYCLE: Record<Segment, [number, number]> = {
  SMB: [28, 45], 'Mid-Market': [45, 75], Enterprise: [65, 110],
};
const USE_CASES = ['pipeline management', 'sales forecasting', 'marketing automation', 'customer success', 'partner management'];
const COMPETITOR_NAMES: Partial<Record<Competitor, string>> = { salesforce: 'Salesforce', hubspot: 'HubSpot', pipedrive: 'Pipedrive' };

/**
 * A deal for a contact whose lead was worked, created 3-20 days after the lead's scoring moment. `won`
 * was decided there; the deal's observables are drawn given it (see deal-signal.ts).
 */
export function planDeal(rng: Random, contact: ContactPlan, won: boolean, team: readonly UserPlan[]): DealPlan {
  const company = contact.company;
  const offset = company.country.utcOffsetHours;
  const createdAt = workingTime(rng, contact.scoredAt + 3 * DAY, contact.scoredAt + 20 * DAY, offset);
  const scoredAt = createdAt + DEAL_SCORING_OFFSET_DAYS * DAY;
  const x = drawDealObservables(rng, won);
  const owner = team[drawOwnerIndex(rng, team.map((rep) => rep.skill), won)] as UserPlan;
  const rate = EUR_TO[company.country.currency];
  const amount = Math.max(100, Math.round((dealSizeNorm(company.employees) * Math.exp(x.logAmountRatio) * rate) / 100) * 100);
  const products = drawProducts(rng, company.segment, x.addOns);
  const [minWin, maxWin] = WIN_AFTER_SCORING[company.segment];
  const closeAt = won
    ? workingTime(rng, scoredAt + minWin * DAY, scoredAt + maxWin * DAY, offset)
    : workingTime(rng, scoredAt + 5 * DAY, scoredAt + 85 * DAY, offset);
  const stages = stagePath(rng, createdAt, scoredAt, closeAt, x.stageAtScoring, won, offset);
  const [minCycle, maxCycle] = EXPECTED_CYCLE[company.segment];
  const expected = createdAt + Math.round(rng.between(minCycle, maxCycle)) * DAY;
  const useCase = rng.pick(USE_CASES);
  return {
    id: 0,
    contact,
    ownerId: owner.id,
    name: dealName(rng, company.name, products[0] as string, useCase),
    won,
    amount,
    amountEur: amount / rate,
    currency: company.country.currency,
    budgetConfirmed: x.budgetConfirmed,
    products,
    competitor: x.competitor,
    useCase,
    createdAt,
    scoredAt,
    stageAtScoring: x.stageAtScoring,
    stages,
    closeAt,
    expectedCloseDate: isoDate(expected),
    closeDatePushes: [],
    lostReason: won ? null : lostReason(rng, x.competitor),
    activityCounts: x.activityCounts,
    pWin: 0,
  };
}

function drawProducts(rng: Random, segment: Segment, addOns: '0' | '1' | '2+'): string[] {
  const count = addOns === '0' ? 0 : addOns === '1' ? 1 : rng.int(2, 3);
  const extras: string[] = rng.sample(ADD_ON_CODES, count);
  // Some deals name a product since retired from the catalogue.
  if (extras.length > 0 && rng.chance(0.04)) extras[0] = rng.pick(RETIRED_PRODUCT_CODES);
  return [PLATFORM_BY_SEGMENT[segment], ...extras];
}

/**
 * The deal's stage history: creation in prospecting, the moves up to its stage at scoring inside the
 * first 14 days, then onward to a win through negotiation, or to a loss from wherever it stalled.
 */
function stagePath(
  rng: Random, createdAt: number, scoredAt: number, closeAt: number, atScoring: ScoredStage, won: boolean, offset: number,
): StageEvent[] {
  const events: StageEvent[] = [{ at: createdAt, from: null, to: 'prospecting' }];
  const scoredIndex = OPEN_PATH.indexOf(atScoring);
  const early = Array.from({ length: scoredIndex }, () => workingTime(rng, createdAt + DAY, scoredAt - DAY, offset)).sort((a, b) => a - b);
  early.forEach((at, i) => events.push({ at, from: OPEN_PATH[i] as DealStage, to: OPEN_PATH[i + 1] as DealStage }));
  const lastOpen = won ? 3 : Math.min(3, scoredIndex + rng.weightedIndex([0.5, 0.35, 0.15]));
  const later = Array.from({ length: lastOpen - scoredIndex }, () => workingTime(rng, scoredAt, closeAt - DAY, offset)).sort((a, b) => a - b);
  later.forEach((at, i) => events.push({
    at, from: OPEN_PATH[scoredIndex + i] as DealStage, to: OPEN_PATH[scoredIndex + i + 1] as DealStage,
  }));
  events.push({ at: closeAt, from: OPEN_PATH[lastOpen] as DealStage, to: won ? 'closed_won' : 'closed_lost' });
  return events;
}

function dealName(rng: Random, companyName: string, platformCode: string, useCase: string): string {
  const platform = productByCode(platformCode)?.name.replace('Syntroph ', '') ?? platformCode;
  const style = rng.float();
  if (style < 0.45) return `${companyName} – ${platform}`;
  if (style < 0.75) return `${companyName} – ${rng.int(2, 40) * 5} seats`;
  return `${companyName} – ${useCase} rollout`;
}

function lostReason(rng: Random, competitor: Competitor): string {
  const named = COMPETITOR_NAMES[competitor];
  if (named && rng.chance(0.55)) return `Chose ${named}`;
  if (competitor === 'incumbent' && rng.chance(0.5)) return 'Stayed with their current vendor';
  if (competitor === 'in_house' && rng.chance(0.6)) return 'Building in-house';
  return rng.pick([
    'Price too high', 'No decision / stalled', 'Project postponed to next fiscal year', 'Budget cut',
    'Missing feature: offline mobile access', 'Missing feature: native ERP sync', 'Went dark after proposal',
    'Champion left the company', 'Security review not passed',
  ]);
}

/** Reps move the close date when it passes with the deal still open; each move is logged as a note. */
export function pushCloseDates(rng: Random, deal: DealPlan, asOf: number): void {
  const until = Math.min(deal.closeAt, asOf);
  let current = Date.parse(`${deal.expectedCloseDate}T17:00:00Z`);
  for (;;) {
    const pushAt = current + Math.round(rng.between(1, 6)) * DAY;
    if (pushAt >= until) break;
    const next = current + Math.round(rng.between(14, 45)) * DAY;
    deal.closeDatePushes.push({ at: pushAt, from: isoDate(current), to: isoDate(next) });
    current = next;
  }
}
