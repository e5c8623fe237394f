import { Random } from '../core/random';
import { iso } from '../core/time';
import type { BundleRecord, DemoTruth } from '../demo-truth';
import type { CustomerPlan } from '../plan/plan-types';
import { callOutcome } from './activity-details';
import { ContactWriter, type StreamEnv } from './contact-writer';
import { Timeline, type IdCounters } from './timeline';

const SUCCESS_NOTES = [
  'Usage review: adoption steady, asked for a reporting refresher.',
  'Customer raised concerns about recent slowness; escalated to support.',
  'Discussed renewal timeline and expansion to the marketing team.',
  'Admin changed on their side; sent onboarding material to the new admin.',
  'Quarterly check-in: happy overall, wants better mobile app.',
];

/** Customer-success touches of one customer company: calls, notes and check-in meetings with transcripts. */
export function* successTouchRecords(customer: CustomerPlan, env: StreamEnv, ids: IdCounters, truth: DemoTruth): Generator<BundleRecord> {
  const timeline = new Timeline(env.asOf);
  const rng = new Random(customer.company.seed + 1);
  const contacts = new Map(customer.company.contacts.map((c) => [c.id, c]));
  for (const touch of customer.touches) {
    const contact = contacts.get(touch.contactId);
    if (!contact) continue;
    if (touch.type === 'meeting') {
      const writer = new ContactWriter(contact, rng, timeline, env);
      writer.meeting(touch.at, touch.at + 1, 'check_in', writer.user(touch.userId), null, 'meeting');
    } else {
      timeline.activity({
        type: touch.type, at: touch.at, contactId: touch.contactId, userId: touch.userId,
        metadata: touch.type === 'call' ? callOutcome(rng) : { text: rng.pick(SUCCESS_NOTES) },
      });
    }
  }
  yield* timeline.drain(ids, truth);
}

export function* subscriptionRecords(customers: readonly CustomerPlan[]): Generator<BundleRecord> {
  const rows = customers.flatMap((c) => c.subscriptions).sort((a, b) => a.startedAt - b.startedAt || a.companyId - b.companyId);
  let id = 0;
  for (const row of rows) {
    const data: Record<string, unknown> = {
      id: ++id, company_id: row.companyId, product: row.product, mrr: row.mrr, currency: row.currency, started_at: iso(row.startedAt),
    };
    if (row.endedAt !== null) data['ended_at'] = iso(row.endedAt);
    yield { type: 'subscription', data };
  }
}

export function* ticketRecords(customers: readonly CustomerPlan[]): Generator<BundleRecord> {
  const tickets = customers.flatMap((c) => c.tickets).sort((a, b) => a.createdAt - b.createdAt || a.companyId - b.companyId);
  let id = 0;
  for (const ticket of tickets) {
    const data: Record<string, unknown> = { id: ++id, company_id: ticket.companyId };
    if (ticket.contactId !== null) data['contact_id'] = ticket.contactId;
    data['subject'] = ticket.subject;
    data['priority'] = ticket.priority;
    data['status'] = ticket.status;
    data['created_at'] = iso(ticket.createdAt);
    if (ticket.solvedAt !== null) data['solved_at'] = iso(ticket.solvedAt);
    yield { type: 'ticket', data };
  }
}
