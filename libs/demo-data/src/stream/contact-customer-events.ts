import { sigmoid } from '../core/random';
import { DAY, MINUTE, wakingTime, workingTime } from '../core/time';
import type { InboundCategory } from '../text/email-templates';
import { pageVisit } from './activity-details';
import { within, type ContactWriter } from './contact-writer';

/**
 * A converted contact's life as a customer: quarterly check-ins from customer success, product docs
 * visits, and now and then an unprompted note of praise or a complaint. Unhappy accounts (high latent
 * risk) complain more; accounts that will churn complain more once their churn scoring moment passed.
 */
export function writeCustomerLife(w: ContactWriter): void {
  const { contact: c, rng, timeline: t } = w;
  if (c.convertsAt === null) return;
  const customer = w.env.customers.get(c.company.id);
  if (!customer) return;
  const churnedAt = c.lifecycle.find((e) => e.to === 'churned')?.at ?? Infinity;
  const end = Math.min(w.env.asOf, churnedAt);
  const start = c.convertsAt + 14 * DAY;
  if (start >= end) return;
  const success = w.user(customer.successRepId);
  const risk = c.company.risk;
  const unhappyFrom = customer.churnAt !== null && customer.scoredAt !== null ? customer.scoredAt : Infinity;

  const thread = w.newThread();
  for (let at = workingTime(rng, start + 60 * DAY, start + 100 * DAY, w.offset); at < end; at = workingTime(rng, at + 80 * DAY, at + 100 * DAY, w.offset)) {
    const sent = w.sendEmail(at, success, 'check_in', thread, null);
    if (rng.chance(0.7)) w.openAndClick(at, at + 4 * DAY, false, {});
    if (rng.chance(0.35)) {
      const sour = at >= unhappyFrom ? 1.5 : 0;
      const category: InboundCategory = rng.chance(sigmoid(-1 + 0.8 * risk + sour)) ? 'complaint' : rng.chance(0.5) ? 'praise' : 'question';
      w.reply(sent, within(rng, at + 30 * MINUTE, rng.exponential(12 * 3_600_000), Math.min(end, at + 6 * DAY)), category);
    }
  }
  const span = (end - start) / DAY;
  for (let i = rng.poisson(span / 25); i > 0; i -= 1) {
    t.activity({ type: 'website_visit', at: wakingTime(rng, start, end, w.offset), contactId: c.id, metadata: pageVisit(rng, true) });
  }
  for (let i = rng.poisson(span / 240); i > 0; i -= 1) {
    const at = workingTime(rng, start, end, w.offset);
    const sour = at >= unhappyFrom ? 1.5 : 0;
    w.inbound(at, success, rng.chance(sigmoid(-0.5 + 0.8 * risk + sour)) ? 'complaint' : 'praise', null);
  }
}
