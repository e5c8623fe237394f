import { DAY, iso, parseTime } from './core/time';
import { DEFAULT_AS_OF, DEMO_SIZES, type DemoOptions } from './demo-options';
import type { BundleRecord, DemoTruth } from './demo-truth';
import { buildPlan } from './plan/build-plan';
import type { DemoPlan, UserPlan } from './plan/plan-types';
import { SALES_TEAMS, SUCCESS_TEAM } from './plan/plan-users';
import { companyRecord, contactRecord, dealRecord, productRecords, userRecord } from './records/static-records';
import { describeChurnSignal, CHURN_HORIZON_DAYS } from './signal/churn-signal';
import { describeDealSignal } from './signal/deal-signal';
import { describeLeadSignal, LEAD_HORIZON_DAYS } from './signal/lead-signal';
import { contactRecords } from './stream/contact-stream';
import { successTouchRecords, subscriptionRecords, ticketRecords } from './stream/company-stream';
import type { StreamEnv } from './stream/contact-writer';
import type { IdCounters } from './stream/timeline';

export interface DemoGeneration {
  /** The bundle's records, parents first. One pass only: iterating drives the generation. */
  records: IterableIterator<BundleRecord>;
  /** Filled while `records` is iterated; complete once iteration ends. */
  truth: DemoTruth;
}

/**
 * Generates a demo CRM data set. Nothing is computed until the first record is pulled; then the plan
 * (users, companies, contacts, deals, outcomes) is built in memory and the truth's leads, deals and
 * churn are filled, and activities, emails and meetings stream out contact by contact.
 */
export function generateDemo(options: DemoOptions): DemoGeneration {
  if (!DEMO_SIZES.includes(options.size)) throw new Error(`unknown demo size: ${String(options.size)}`);
  if (!Number.isSafeInteger(options.seed)) throw new Error(`seed must be an integer, got ${String(options.seed)}`);
  const asOf = parseTime(options.asOf ?? DEFAULT_AS_OF);
  const truth: DemoTruth = {
    version: 1,
    seed: options.seed,
    size: options.size,
    asOf: iso(asOf),
    signal: { leads: describeLeadSignal(), deals: describeDealSignal(), churn: describeChurnSignal() },
    leads: [],
    deals: [],
    churn: [],
    emails: [],
    meetings: [],
    counts: {},
  };
  return { records: counted(stream(options, asOf, truth), truth), truth };
}

function* stream(options: DemoOptions, asOf: number, truth: DemoTruth): Generator<BundleRecord> {
  const plan = buildPlan(options.seed, options.size, asOf);
  fillOutcomeTruth(plan, truth);
  for (const user of plan.users) yield userRecord(user);
  yield* productRecords();
  for (const company of plan.companies) yield companyRecord(company);
  for (const contact of plan.contacts) yield contactRecord(contact, asOf);
  for (const deal of plan.deals) yield dealRecord(deal, asOf);

  const env = streamEnv(plan);
  const ids: IdCounters = { activity: 0, email: 0, meeting: 0 };
  for (const contact of plan.contacts) yield* contactRecords(contact, env, ids, truth);
  for (const customer of plan.customers) yield* successTouchRecords(customer, env, ids, truth);
  yield* subscriptionRecords(plan.customers);
  yield* ticketRecords(plan.customers);
}

function* counted(records: Iterator<BundleRecord>, truth: DemoTruth): Generator<BundleRecord> {
  for (let next = records.next(); !next.done; next = records.next()) {
    truth.counts[next.value.type] = (truth.counts[next.value.type] ?? 0) + 1;
    yield next.value;
  }
}

function streamEnv(plan: DemoPlan): StreamEnv {
  const managers = new Map<string, UserPlan>();
  for (const user of plan.users) {
    if (user.role === 'manager' && user.team && ([...SALES_TEAMS, SUCCESS_TEAM] as string[]).includes(user.team)) managers.set(user.team, user);
  }
  return {
    asOf: plan.asOf,
    users: new Map(plan.users.map((user) => [user.id, user])),
    managers,
    customers: new Map(plan.customers.map((customer) => [customer.company.id, customer])),
  };
}

/** Outcomes as the bundle shows them at asOf, with the probabilities they were drawn from. */
function fillOutcomeTruth(plan: DemoPlan, truth: DemoTruth): void {
  const asOf = plan.asOf;
  for (const contact of plan.contacts) {
    if (contact.scoredAt > asOf) continue;
    const converted = contact.convertsAt !== null && contact.convertsAt <= asOf;
    truth.leads.push({
      contact_id: contact.id,
      scored_at: iso(contact.scoredAt),
      p_convert: contact.pConvert,
      converted,
      ...(converted ? { converted_at: iso(contact.convertsAt as number) } : {}),
      outcome_known: contact.scoredAt + LEAD_HORIZON_DAYS.max * DAY <= asOf,
    });
  }
  for (const deal of plan.deals) {
    if (deal.scoredAt > asOf) continue;
    const closed = deal.closeAt <= asOf;
    truth.deals.push({ deal_id: deal.id, scored_at: iso(deal.scoredAt), p_win: deal.pWin, won: closed && deal.won, outcome_known: closed });
  }
  for (const customer of plan.customers) {
    if (customer.scoredAt === null || customer.pChurn === null) continue;
    const churned = customer.churnAt !== null && customer.churnAt <= asOf;
    truth.churn.push({
      company_id: customer.company.id,
      scored_at: iso(customer.scoredAt),
      p_churn: customer.pChurn,
      churned,
      ...(churned ? { churned_at: iso(customer.churnAt as number) } : {}),
      outcome_known: customer.scoredAt + CHURN_HORIZON_DAYS * DAY <= asOf,
    });
  }
}
