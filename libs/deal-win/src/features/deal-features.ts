import type { FeatureRow, FeatureValue } from '@hub/ml';
import { dealFactsAt, type DealFacts } from '../facts/deal-facts';
import type { DealContext } from '../facts/deal-context';
import type { DealSnapshot } from '../snapshot/deal-snapshot';
import { contactFeatures } from './contact-features';

/** Prefix of the deal's custom properties: `deal.custom.competitor`. */
export const DEAL_CUSTOM_PREFIX = 'deal.custom.';

/** Keys naming identifiers (`external_id`, `hubspotId`): unique per record, they can only teach noise. */
const isIdentifierKey = (key: string) => /^id$|_id$|[a-z]Id$|ID$/.test(key);

const round = (x: number | null, digits = 3) => (x === null ? null : Math.round(x * 10 ** digits) / 10 ** digits);

/** The deal's own features, from its facts and the point-in-time norms of the context. */
function factFeatures(snapshot: DealSnapshot, facts: DealFacts, context: DealContext, row: Record<string, FeatureValue>): void {
  row['stage'] = facts.stage;
  row['days_in_stage'] = round(facts.daysInStage);
  row['deal_age_days'] = round(facts.ageDays);
  row['days_to_expected_close'] = round(facts.daysToExpectedClose);
  row['close_pushes'] = facts.closePushes;
  row['stage_regressions'] = facts.stageRegressions;
  row['days_since_last_activity'] = round(facts.daysSinceLastActivity);
  const t = facts.touches;
  row['touches_7d'] = t.last7d;
  row['touches_30d'] = t.last30d;
  row['touches_90d'] = t.last90d;
  row['calls'] = t.calls;
  row['emails_sent'] = t.emailsSent;
  row['emails_opened'] = t.emailsOpened;
  row['emails_replied'] = t.emailsReplied;
  row['meetings'] = t.meetings;
  row['deal_demo_held'] = t.demos > 0;
  row['emails_inbound'] = t.inboundEmails;
  row['emails_outbound'] = t.outboundEmails;
  row['contacts_engaged'] = facts.contactsEngaged;
  row['decision_maker_engaged'] = facts.decisionMakerEngaged;
  row['budget_confirmed'] = facts.budgetConfirmed;
  const lnAmount = facts.amountEur > 0 ? Math.log(facts.amountEur) : null;
  const segmentNorm = context.amountNorms?.segmentMedian(facts.companySegment, facts.at) ?? null;
  const sizeNorm = context.amountNorms?.sizeTrend(snapshot.company?.employees, facts.at) ?? null;
  row['amount_eur_ln'] = round(lnAmount, 6);
  row['amount_vs_segment'] = lnAmount === null || segmentNorm === null ? null : round(lnAmount - segmentNorm, 6);
  row['amount_vs_size'] = lnAmount === null || sizeNorm === null ? null : round(lnAmount - sizeNorm, 6);
  row['main_product'] = facts.products[0] ?? null;
  row['add_on_count'] = Math.max(0, facts.products.length - 1);
  row['owner_win_rate'] = round(facts.ownerWinRate?.rate ?? null, 6);
  row['owner_closed_deals'] = facts.ownerWinRate ? facts.ownerWinRate.closed : null;
  row['owner_team'] = facts.team;
}

/**
 * The deal's features at `at` (epoch ms): only what was known strictly before it. The deal as it stood
 * (stage, time in stage, age, close date and its pushes, activity, contacts, budget, amount against its
 * norms, products, owner's win rate, custom properties), and its contact and company as lead scoring
 * sees them. Throws for a moment at or before the deal's creation: there was no deal to judge.
 */
export function extractDealFeatures(snapshot: DealSnapshot, at: number, context: DealContext = {}): FeatureRow {
  const facts = dealFactsAt(snapshot, at, context);
  if (!facts.existed) throw new RangeError(`deal ${snapshot.deal.id} was created at ${snapshot.deal.created_at}, after ${new Date(at).toISOString()}`);
  return dealFeaturesFromFacts(snapshot, facts, context);
}

/** The features from facts already computed (the forecasting path computes facts once for both). */
export function dealFeaturesFromFacts(snapshot: DealSnapshot, facts: DealFacts, context: DealContext = {}): FeatureRow {
  const row: Record<string, FeatureValue> = {};
  factFeatures(snapshot, facts, context, row);
  for (const [key, value] of Object.entries(snapshot.deal.custom ?? {})) {
    if (isIdentifierKey(key)) continue;
    if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') row[DEAL_CUSTOM_PREFIX + key] = value;
  }
  contactFeatures(snapshot, facts.at, row);
  return row;
}
