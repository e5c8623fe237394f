import type { Random } from '../core/random';

/**
 * Deal wins. A deal exists because its contact's lead was worked: every converting lead gets a deal
 * that is won, and a non-converting lead gets a deal (later lost) with probability DEAL_FOR_NON_CONVERTER.
 * The deal's own observables are then drawn from distributions that depend on the outcome. Bayes'
 * rule makes the true win probability at the deal's scoring moment (created_at + 14 days) exact:
 *
 *   logit(p_win) = logit(p_convert of the contact at its lead scoring) - ln(DEAL_FOR_NON_CONVERTER)
 *                  + sum over deal observables of ln(P(x | won) / P(x | lost))
 *
 * Every term is linear in an observable (a count, ln(amount), a category), so a logistic model can
 * reach it; nothing else observable before scored_at depends on the outcome.
 */

export const DEAL_SCORING_OFFSET_DAYS = 14;
export const DEAL_FOR_NON_CONVERTER = 0.35;

export type ScoredStage = 'prospecting' | 'qualification' | 'proposal';
export type AddOnBucket = '0' | '1' | '2+';
export const COMPETITORS = ['none', 'incumbent', 'salesforce', 'hubspot', 'pipedrive', 'in_house'] as const;
export type Competitor = (typeof COMPETITORS)[number];
export type DealActivityKind = 'call' | 'email_sent' | 'meeting';

interface Categorical<K extends string> {
  won: Record<K, number>;
  lost: Record<K, number>;
}

export const DEAL_DISTRIBUTIONS = {
  budgetConfirmed: { won: 0.62, lost: 0.45 },
  /** ln(amount in EUR / segment norm) ~ Normal(mean by outcome, sd): lost deals were over-scoped. */
  logAmountRatio: { won: -0.06, lost: 0.12, sd: 0.5 },
  stageAtScoring: {
    won: { prospecting: 0.22, qualification: 0.45, proposal: 0.33 },
    lost: { prospecting: 0.33, qualification: 0.45, proposal: 0.22 },
  } as Categorical<ScoredStage>,
  addOns: {
    won: { '0': 0.4, '1': 0.38, '2+': 0.22 },
    lost: { '0': 0.5, '1': 0.35, '2+': 0.15 },
  } as Categorical<AddOnBucket>,
  competitor: {
    won: { none: 0.32, incumbent: 0.18, salesforce: 0.2, hubspot: 0.17, pipedrive: 0.08, in_house: 0.05 },
    lost: { none: 0.22, incumbent: 0.27, salesforce: 0.22, hubspot: 0.16, pipedrive: 0.06, in_house: 0.07 },
  } as Categorical<Competitor>,
  /** Poisson means of deal-linked activities in the 14 days before scoring ('meeting' counts demos too). */
  activityMeans: {
    won: { call: 2.0, email_sent: 3.0, meeting: 1.0 },
    lost: { call: 1.7, email_sent: 2.8, meeting: 0.75 },
  } as Categorical<DealActivityKind>,
  /** Owner choice: P(owner | won) ∝ exp(skill * ownerSkillWeight), P(owner | lost) ∝ exp(-skill * weight). */
  ownerSkillWeight: 0.3,
} as const;

export interface DealObservables {
  budgetConfirmed: boolean;
  logAmountRatio: number;
  stageAtScoring: ScoredStage;
  addOns: AddOnBucket;
  competitor: Competitor;
  activityCounts: Record<DealActivityKind, number>;
  ownerSkill: number;
  /** The skills of every rep the owner could have been picked from (the company's segment team). */
  teamSkills: readonly number[];
}

const side = (won: boolean) => (won ? 'won' : 'lost');

export function drawDealObservables(rng: Random, won: boolean): Omit<DealObservables, 'ownerSkill' | 'teamSkills'> {
  const d = DEAL_DISTRIBUTIONS;
  const activityMeans = d.activityMeans[side(won)];
  return {
    budgetConfirmed: rng.chance(d.budgetConfirmed[side(won)]),
    logAmountRatio: rng.normal(d.logAmountRatio[side(won)], d.logAmountRatio.sd),
    stageAtScoring: rng.weighted(d.stageAtScoring[side(won)]),
    addOns: rng.weighted(d.addOns[side(won)]),
    competitor: rng.weighted(d.competitor[side(won)]),
    activityCounts: {
      call: rng.poisson(activityMeans.call),
      email_sent: rng.poisson(activityMeans.email_sent),
      meeting: rng.poisson(activityMeans.meeting),
    },
  };
}

/** Picks the deal owner among the team's reps, favouring skilled reps for deals that will be won. */
export function drawOwnerIndex(rng: Random, teamSkills: readonly number[], won: boolean): number {
  const sign = won ? 1 : -1;
  return rng.weightedIndex(teamSkills.map((skill) => Math.exp(sign * skill * DEAL_DISTRIBUTIONS.ownerSkillWeight)));
}

function categoricalLlr<K extends string>(table: Categorical<K>, level: K): number {
  return Math.log(table.won[level] / table.lost[level]);
}

function poissonLlr(count: number, wonMean: number, lostMean: number): number {
  return count * Math.log(wonMean / lostMean) - (wonMean - lostMean);
}

/** ln P(observables | won) - ln P(observables | lost). */
export function dealLogLikelihoodRatio(x: DealObservables): number {
  const d = DEAL_DISTRIBUTIONS;
  const b = d.budgetConfirmed;
  let llr = x.budgetConfirmed ? Math.log(b.won / b.lost) : Math.log((1 - b.won) / (1 - b.lost));
  const a = d.logAmountRatio;
  llr += ((x.logAmountRatio - a.lost) ** 2 - (x.logAmountRatio - a.won) ** 2) / (2 * a.sd * a.sd);
  llr += categoricalLlr(d.stageAtScoring, x.stageAtScoring);
  llr += categoricalLlr(d.addOns, x.addOns);
  llr += categoricalLlr(d.competitor, x.competitor);
  for (const kind of ['call', 'email_sent', 'meeting'] as const) {
    llr += poissonLlr(x.activityCounts[kind], d.activityMeans.won[kind], d.activityMeans.lost[kind]);
  }
  const w = d.ownerSkillWeight;
  const wonNorm = x.teamSkills.reduce((sum, skill) => sum + Math.exp(w * skill), 0);
  const lostNorm = x.teamSkills.reduce((sum, skill) => sum + Math.exp(-w * skill), 0);
  llr += 2 * w * x.ownerSkill - Math.log(wonNorm / lostNorm);
  return llr;
}

export function dealLogit(leadLogit: number, x: DealObservables): number {
  return leadLogit - Math.log(DEAL_FOR_NON_CONVERTER) + dealLogLikelihoodRatio(x);
}

/**
 * The deal signal as data. logit(p_win) = logit(p_convert of the deal's contact) - ln(q) + the sum of
 * each term's ln(P(x | won) / P(x | lost)). Term kinds: bernoulli (p_true by outcome), log_ratio_normal
 * (ln(amount / divide_by[currency] / (norm_coefficient * employees^norm_exponent)) ~ Normal(mean by
 * outcome, sd)), categorical (probabilities by outcome), poisson_count (count of the deal's activities
 * of these types with occurred_at < scored_at ~ Poisson(mean by outcome)), owner_skill (latent).
 */
export function describeDealSignal() {
  const d = DEAL_DISTRIBUTIONS;
  return {
    entity: 'deal',
    outcome: 'stage closed_won (else closed_lost); deals still open at as_of have outcome_known = false',
    scored_at: `deal.created_at + ${DEAL_SCORING_OFFSET_DAYS} days`,
    scoring_offset_days: DEAL_SCORING_OFFSET_DAYS,
    link: 'logistic',
    formula: 'logit(p_win) = logit(p_convert of deal.contact_id) - ln(q) + sum of ln(P(x | won) / P(x | lost))',
    q: DEAL_FOR_NON_CONVERTER,
    q_meaning: 'a lead that does not convert still gets a (lost) deal with probability q; a converting lead always gets a won deal',
    terms: [
      { source: 'deal.budget_confirmed', kind: 'bernoulli', p_true: d.budgetConfirmed },
      {
        source: 'deal.amount', kind: 'log_ratio_normal', divide_by: { EUR: 1, USD: 1.08, GBP: 0.85 },
        norm_coefficient: 2500, norm_exponent: 0.55, norm_of: 'company.employees',
        mean: { won: d.logAmountRatio.won, lost: d.logAmountRatio.lost }, sd: d.logAmountRatio.sd,
      },
      { source: 'stage at scored_at (last stage_changed.to with occurred_at < scored_at)', kind: 'categorical', key: 'stage_at_scoring', probabilities: d.stageAtScoring },
      { source: 'deal.products', kind: 'categorical', key: 'add_ons', transform: 'products.length - 1, bucketed as 0 | 1 | 2+', probabilities: d.addOns },
      { source: 'deal.custom.competitor', kind: 'categorical', key: 'competitor', probabilities: d.competitor },
      ...(['call', 'email_sent', 'meeting'] as const).map((kind) => ({
        source: 'activities', kind: 'poisson_count',
        activity_types: kind === 'meeting' ? ['meeting', 'demo'] : [kind],
        window: 'deal_id = deal.id and occurred_at < scored_at',
        mean: { won: d.activityMeans.won[kind], lost: d.activityMeans.lost[kind] },
      })),
      {
        source: 'deal.owner_id', kind: 'owner_skill', weight: d.ownerSkillWeight,
        rule: 'P(owner | won) ∝ exp(w * skill), P(owner | lost) ∝ exp(-w * skill) among the reps of the team named like the company segment; skill is latent and shows as each owner\'s historical win rate',
      },
    ],
  };
}
