import type { TicketPriority } from '@hub/contracts';
import { Random, sigmoid } from '../core/random';
import { DAY, HOUR, workingTime } from '../core/time';
import { CHURN_HORIZON_DAYS, CHURN_SCORING_DAYS, CHURN_WINDOW_DAYS, churnLogit } from '../signal/churn-signal';
import { ticketSubject } from '../text/ticket-subjects';
import type { CompanyPlan, ContactPlan, CustomerPlan, DealPlan, SuccessTouch, TicketPlan, UserPlan } from './plan-types';
import { planSubscriptions, subscriptionLines } from './plan-subscriptions';
import { repsOf, SUCCESS_TEAM } from './plan-users';

const TICKET_LOAD: Record<CompanyPlan['segment'], number> = { SMB: 0.8, 'Mid-Market': 1.2, Enterprise: 1.8 };
const TOUCH_LOAD: Record<CompanyPlan['tier'], number> = { strategic: 1.5, key: 1.15, standard: 1 };
const RESOLUTION_HOURS: Record<TicketPriority, number> = { urgent: 5, high: 20, normal: 60, low: 110 };

/**
 * Companies that won a deal become customers: subscriptions from the won products, support tickets and
 * customer-success touches over time, and the churn draw at the company's scoring moment.
 * Churning companies file more, and more urgent, tickets as the end nears, and hear less from us.
 */
export function planCustomer(company: CompanyPlan, users: readonly UserPlan[], asOf: number): CustomerPlan | null {
  const won = company.contacts
    .map((contact) => contact.deal)
    .filter((deal): deal is DealPlan => deal !== null && deal.won && deal.closeAt <= asOf)
    .sort((a, b) => a.closeAt - b.closeAt);
  if (won.length === 0) return null;
  const rng = new Random(company.seed);
  const lines = won.flatMap((deal) => subscriptionLines(rng, deal, asOf));
  const firstStart = Math.min(...lines.map((line) => line.startedAt));
  const successRep = rng.pick(repsOf(users, SUCCESS_TEAM));
  const scoredAt = firstStart + Math.floor(rng.between(CHURN_SCORING_DAYS.min, CHURN_SCORING_DAYS.max) * DAY);
  const scored = scoredAt <= asOf;
  const tickets: TicketPlan[] = [];
  const touches: SuccessTouch[] = [];
  const calm = { from: firstStart, to: scored ? scoredAt : asOf };
  addTickets(rng, company, tickets, calm.from, calm.to, false, asOf);
  addTouches(rng, company, touches, successRep.id, calm.from, calm.to, 1);

  let pChurn: number | null = null;
  let churnAt: number | null = null;
  if (scored) {
    const windowStart = scoredAt - CHURN_WINDOW_DAYS * DAY;
    const recent = tickets.filter((t) => t.createdAt >= windowStart && t.createdAt < scoredAt);
    pChurn = sigmoid(churnLogit({
      urgentTickets90d: recent.filter((t) => t.priority === 'high' || t.priority === 'urgent').length,
      tickets90d: recent.length,
      healthScore: company.healthScore,
      successTouches90d: touches.filter((t) => t.at >= windowStart && t.at < scoredAt).length,
      activeProducts: new Set(lines.filter((line) => line.startedAt <= scoredAt).map((line) => line.product)).size,
      tenureDays: (scoredAt - firstStart) / DAY,
      tier: company.tier,
    }));
    const churns = rng.chance(pChurn);
    const offset = company.country.utcOffsetHours;
    if (churns) churnAt = workingTime(rng, scoredAt + 14 * DAY, scoredAt + CHURN_HORIZON_DAYS * DAY, offset);
    const end = churnAt === null ? asOf : Math.min(churnAt, asOf);
    addTickets(rng, company, tickets, scoredAt, end, churnAt !== null, asOf);
    addTouches(rng, company, touches, successRep.id, scoredAt, end, churnAt === null ? 1 : 0.4);
  }
  const churnSeen = churnAt !== null && churnAt <= asOf ? churnAt : null;
  if (churnSeen !== null) markContactsChurned(company.contacts, churnSeen);
  return {
    company,
    customerSince: won[0]?.closeAt as number,
    successRepId: successRep.id,
    subscriptions: planSubscriptions(rng, lines, churnSeen, asOf),
    tickets,
    touches,
    scoredAt: scored ? scoredAt : null,
    pChurn,
    churnAt,
  };
}

function customersAt(contacts: readonly ContactPlan[], at: number): ContactPlan[] {
  return contacts.filter((c) => c.convertsAt !== null && c.convertsAt <= at && !c.lifecycle.some((e) => e.to === 'churned' && e.at <= at));
}

function addTickets(
  rng: Random, company: CompanyPlan, tickets: TicketPlan[], from: number, to: number, churning: boolean, asOf: number,
): void {
  if (to <= from) return;
  const r = company.risk;
  const perDay = (Math.exp(0.4 + 0.45 * r) * TICKET_LOAD[company.segment]) / 90;
  const count = rng.poisson(perDay * ((to - from) / DAY) * (churning ? 2.5 : 1));
  const offset = company.country.utcOffsetHours;
  for (let i = 0; i < count; i += 1) {
    // Churners' tickets crowd towards the end and grow more urgent as it nears.
    const progress = churning ? Math.sqrt(rng.float()) : rng.float();
    const createdAt = workingTime(rng, from + (to - from) * progress * 0.98, from + (to - from) * Math.min(1, progress + 0.02), offset);
    const severe = rng.chance(churning ? sigmoid(-0.5 + 0.7 * r + 2 * progress) : sigmoid(-1.6 + 0.7 * r));
    const priority: TicketPriority = severe
      ? (rng.chance(churning ? 0.3 + 0.4 * progress : 0.35) ? 'urgent' : 'high')
      : (rng.chance(0.7) ? 'normal' : 'low');
    const resolvedAfter = rng.logNormal(Math.log(RESOLUTION_HOURS[priority]), 0.8) * HOUR;
    const solvedAt = createdAt + Math.max(10 * 60_000, Math.floor(resolvedAfter / 1000) * 1000);
    const who = customersAt(company.contacts, createdAt);
    tickets.push({
      companyId: company.id,
      contactId: who.length > 0 ? rng.pick(who).id : null,
      subject: ticketSubject(rng, priority),
      priority,
      createdAt,
      solvedAt: solvedAt <= asOf ? solvedAt : null,
      status: solvedAt <= asOf ? 'solved' : asOf - createdAt > 3 * DAY ? 'pending' : 'open',
    });
  }
}

function addTouches(
  rng: Random, company: CompanyPlan, touches: SuccessTouch[], userId: number, from: number, to: number, factor: number,
): void {
  if (to <= from) return;
  const perDay = (Math.exp(0.9 - 0.3 * company.risk) * TOUCH_LOAD[company.tier] * factor) / 90;
  const count = rng.poisson(perDay * ((to - from) / DAY));
  for (let i = 0; i < count; i += 1) {
    const at = workingTime(rng, from, to, company.country.utcOffsetHours);
    const who = customersAt(company.contacts, at);
    if (who.length === 0) continue;
    touches.push({ at, contactId: rng.pick(who).id, userId, type: rng.weighted({ call: 45, meeting: 25, note: 30 }) });
  }
}

/** Everyone who was a customer when the company left is now `churned`. */
function markContactsChurned(contacts: readonly ContactPlan[], churnAt: number): void {
  for (const contact of contacts) {
    const before = contact.lifecycle.filter((event) => event.at <= churnAt);
    if (before[before.length - 1]?.to !== 'customer') continue;
    contact.lifecycle.push({ at: churnAt, from: 'customer', to: 'churned' });
    contact.lifecycle.sort((a, b) => a.at - b.at);
  }
}
