import type { LifecycleStage } from '@hub/contracts';
import { sigmoid, type Random } from '../core/random';
import { DAY, HOUR, workingTime } from '../core/time';
import { DEAL_FOR_NON_CONVERTER, dealLogit } from '../signal/deal-signal';
import { leadLogit } from '../signal/lead-signal';
import { dealSizeNorm } from '../catalog/firmographics';
import { planDeal } from './plan-deals';
import type { ContactPlan, DealPlan, LifecycleEvent, UserPlan } from './plan-types';
import { repsOf } from './plan-users';

/**
 * What happens to each lead: its true conversion probability from what was observable at its scoring
 * moment, the draw, the deal that carries a conversion (or fails to), and the lifecycle moves that
 * follow. Lifecycle moves after asOf are kept here and dropped when records are written.
 */
export function planLeadJourney(rng: Random, contact: ContactPlan, users: readonly UserPlan[]): void {
  const company = contact.company;
  contact.leadLogit = leadLogit({
    seniority: contact.seniority,
    isDecisionMaker: contact.isDecisionMaker,
    leadSource: contact.leadSource,
    segment: company.segment,
    industry: company.industry.name,
    counts: contact.engagement,
    productFitScore: contact.productFitScore,
    trialActive: contact.trialActive,
    techStack: contact.techStack,
  });
  contact.pConvert = sigmoid(contact.leadLogit);
  contact.converts = rng.chance(contact.pConvert);
  const worked = contact.converts || rng.chance(DEAL_FOR_NON_CONVERTER);
  if (worked) {
    const team = repsOf(users, company.segment);
    const deal = planDeal(rng, contact, contact.converts, team);
    const owner = team.find((rep) => rep.id === deal.ownerId) as UserPlan;
    deal.pWin = sigmoid(dealLogit(contact.leadLogit, {
      budgetConfirmed: deal.budgetConfirmed,
      logAmountRatio: Math.log(deal.amountEur / dealSizeNorm(company.employees)),
      stageAtScoring: deal.stageAtScoring,
      addOns: addOnBucket(deal.products.length - 1),
      competitor: deal.competitor,
      activityCounts: deal.activityCounts,
      ownerSkill: owner.skill,
      teamSkills: team.map((rep) => rep.skill),
    }));
    contact.deal = deal;
  }
  contact.lifecycle = lifecycleOf(rng, contact, contact.deal);
  contact.convertsAt = contact.converts && contact.deal ? contact.deal.closeAt : null;
}

export function addOnBucket(count: number): '0' | '1' | '2+' {
  return count <= 0 ? '0' : count === 1 ? '1' : '2+';
}

function lifecycleOf(rng: Random, contact: ContactPlan, deal: DealPlan | null): LifecycleEvent[] {
  const offset = contact.company.country.utcOffsetHours;
  const events: LifecycleEvent[] = [{ at: contact.createdAt, from: null, to: 'lead' }];
  let stage: LifecycleStage = 'lead';
  const move = (at: number, to: LifecycleStage) => {
    events.push({ at, from: stage, to });
    stage = to;
  };
  if (contact.mqlAt !== null) move(contact.mqlAt, 'mql');
  if (deal) {
    const sqlAt = Math.max(contact.scoredAt + HOUR, deal.createdAt - Math.floor(rng.between(0.3, 2) * DAY));
    move(sqlAt, 'sql');
    move(deal.createdAt, 'opportunity');
    if (deal.won) move(deal.closeAt, 'customer');
    else if (rng.chance(0.5)) move(deal.closeAt + Math.floor(rng.between(0.1, 3) * DAY), 'disqualified');
    else move(deal.closeAt + Math.floor(rng.between(1, 10) * DAY), 'lead');
    return events;
  }
  // Leads nobody worked: some warm up later, some are ruled out.
  if (stage === 'lead' && rng.chance(0.25)) {
    move(workingTime(rng, contact.scoredAt, contact.scoredAt + 120 * DAY, offset), 'mql');
  }
  if (rng.chance(0.3)) {
    const after = events[events.length - 1]?.at ?? contact.scoredAt;
    move(workingTime(rng, Math.max(after, contact.scoredAt) + DAY, Math.max(after, contact.scoredAt) + 150 * DAY, offset), 'disqualified');
  }
  return events;
}
