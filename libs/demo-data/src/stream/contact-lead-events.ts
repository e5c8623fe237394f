import { sigmoid } from '../core/random';
import { DAY, MINUTE, cadence, localParts, wakingTime, workingTime } from '../core/time';
import type { InboundCategory } from '../text/email-templates';
import {
  callOutcome, campaign, contentDownload, formSubmission, newsletter, pageVisit, prospectNote,
} from './activity-details';
import { within, type ContactWriter, type SentEmail } from './contact-writer';

/**
 * The contact's first three weeks, written to match the planned counts exactly: these counts are what
 * the lead signal read, so nothing else of these types may land before the scoring moment.
 */
export function writeLeadEngagement(w: ContactWriter): void {
  const { contact: c, rng, timeline: t } = w;
  const from = c.createdAt;
  const to = c.scoredAt;
  const owner = w.user(c.ownerId);
  const n = c.engagement;
  const id = c.id;

  let forms = n.form_submitted;
  let downloads = n.content_download;
  let qualifiedFrom = from;
  if (c.mqlAt !== null) {
    const formFirst = forms > 0 && (downloads === 0 || c.leadSource === 'inbound' || c.leadSource === 'paid' || rng.chance(0.5));
    const at = c.mqlAt - MINUTE;
    if (formFirst) {
      t.activity({ type: 'form_submitted', at, contactId: id, metadata: formSubmission(rng) });
      forms -= 1;
    } else {
      t.activity({ type: 'content_download', at, contactId: id, metadata: contentDownload(rng) });
      downloads -= 1;
    }
    qualifiedFrom = c.mqlAt;
  }
  for (let i = 0; i < forms; i += 1) {
    t.activity({ type: 'form_submitted', at: wakingTime(rng, qualifiedFrom, to, w.offset), contactId: id, metadata: formSubmission(rng) });
  }
  for (let i = 0; i < downloads; i += 1) {
    t.activity({ type: 'content_download', at: wakingTime(rng, qualifiedFrom, to, w.offset), contactId: id, metadata: contentDownload(rng) });
  }

  const thread = w.newThread();
  const salesTimes = cadence(rng, c.salesEmailsBeforeScoring, from, to, w.offset);
  const sales = salesTimes.map((at, i) => w.sendEmail(at, owner, i === 0 ? 'outreach' : rng.chance(0.75) ? 'follow_up' : 'meeting_request', thread, null));
  const sends: Array<{ at: number; metadata: Record<string, unknown> }> = sales.map((email) => ({ at: email.at, metadata: {} }));
  for (let i = sales.length; i < n.email_sent; i += 1) {
    const at = workingTime(rng, from, to, w.offset);
    const metadata = campaign(rng);
    t.activity({ type: 'email_sent', at, contactId: id, metadata });
    sends.push({ at, metadata });
  }
  const opened = rng.sample(sends, n.email_opened);
  opened.forEach((send, i) => w.openAndClick(send.at, to, i < n.email_clicked, send.metadata));

  for (const original of rng.sample(sales, n.email_replied)) {
    const at = within(rng, original.at + 10 * MINUTE, rng.exponential(6 * 3_600_000), to);
    w.reply(original, at, earlyReplyCategory(w));
  }
  for (let i = 0; i < n.website_visit; i += 1) {
    t.activity({ type: 'website_visit', at: wakingTime(rng, from, to, w.offset), contactId: id, metadata: pageVisit(rng) });
  }
  for (let i = 0; i < n.call; i += 1) {
    t.activity({ type: 'call', at: workingTime(rng, from, to, w.offset), contactId: id, userId: owner.id, metadata: callOutcome(rng) });
  }
  for (let i = 0; i < n.meeting; i += 1) w.meeting(from + 2 * 3_600_000, to, 'discovery', owner, null, 'meeting');
  if (n.demo > 0) w.meeting(from + DAY, to, 'demo', owner, null, 'demo');
  for (let i = 0; i < n.note; i += 1) {
    t.activity({ type: 'note', at: workingTime(rng, from, to, w.offset), contactId: id, userId: owner.id, metadata: prospectNote(rng) });
  }
}

function earlyReplyCategory(w: ContactWriter): InboundCategory {
  if (w.rng.chance(sigmoid(w.contact.intent))) {
    return w.rng.weighted({ interested: 35, pricing_question: 25, meeting_request: 25, question: 15 });
  }
  return w.rng.weighted({ question: 30, out_of_office: 30, not_interested: 25, objection: 15 });
}

/** Lifecycle moves as activities; the ones a person makes carry the owner. */
export function writeLifecycle(w: ContactWriter): void {
  for (const event of w.contact.lifecycle) {
    const manual = event.to === 'sql' || event.to === 'opportunity' || event.to === 'disqualified' || (event.to === 'lead' && event.from !== null);
    w.timeline.activity({
      type: 'lifecycle_changed', at: event.at, contactId: w.contact.id, userId: manual ? w.contact.ownerId : null,
      metadata: { from: event.from, to: event.to },
    });
  }
}

/**
 * Life after the scoring moment that every contact has, worked or not: the newsletter (until they
 * unsubscribe or are ruled out), fading website visits, and for leads nobody turned into a deal a few
 * follow-ups from the owner. None of it can reach back before scored_at.
 */
export function writeBackground(w: ContactWriter): void {
  const { contact: c, rng, timeline: t } = w;
  const asOf = w.env.asOf;
  const ruledOut = c.lifecycle.find((e) => e.to === 'disqualified')?.at ?? Infinity;
  const z = c.intent;
  if (c.newsletterOptIn) {
    let at = workingTime(rng, c.scoredAt, c.scoredAt + 30 * DAY, w.offset);
    while (at <= Math.min(asOf, ruledOut)) {
      const month = localParts(at, w.offset);
      const metadata = newsletter(month.monthName, month.year);
      t.activity({ type: 'email_sent', at, contactId: c.id, metadata });
      const staleness = (at - c.scoredAt) / DAY;
      if (rng.chance(sigmoid(-0.5 + 0.6 * z - 0.002 * staleness))) w.openAndClick(at, at + 5 * DAY, rng.chance(0.12), metadata);
      if (rng.chance(0.012)) {
        if (rng.chance(0.4)) w.inbound(at + Math.floor(rng.between(1, 48) * 3_600_000), w.user(c.ownerId), 'unsubscribe', null);
        break;
      }
      at = workingTime(rng, at + 27 * DAY, at + 34 * DAY, w.offset);
    }
  }
  const web = c.leadSource === 'inbound' || c.leadSource === 'paid' || c.leadSource === 'organic' ? 0.4 : 0;
  const visits = rng.poisson(Math.exp(0.4 + 0.75 * z + web) * 1.2);
  for (let i = 0; i < visits; i += 1) {
    const at = c.scoredAt + Math.floor(rng.exponential(60 * DAY));
    if (at <= asOf) t.activity({ type: 'website_visit', at: wakingTime(rng, at, at + DAY, w.offset), contactId: c.id, metadata: pageVisit(rng) });
  }
  if (c.deal) return;
  const owner = w.user(c.ownerId);
  const thread = w.newThread();
  let last: SentEmail | undefined;
  const followUps = Math.min(4, rng.poisson(1.3));
  for (let i = 0; i < followUps; i += 1) {
    const at = workingTime(rng, c.scoredAt + (i * 15 + 1) * DAY, c.scoredAt + (i * 15 + 15) * DAY, w.offset);
    if (at > ruledOut) break;
    last = w.sendEmail(at, owner, 'follow_up', thread, null, null, last);
    if (rng.chance(sigmoid(-0.3 + 0.7 * z))) w.openAndClick(at, at + 7 * DAY, rng.chance(0.1), {});
    if (rng.chance(sigmoid(-2.2 + 0.6 * z))) {
      const category = rng.weighted({ not_interested: 30, out_of_office: 25, question: 20, objection: 15, interested: 10 });
      last = w.reply(last, within(rng, at + 20 * MINUTE, rng.exponential(10 * 3_600_000), at + 6 * DAY), category);
    }
  }
  for (let i = rng.poisson(0.5); i > 0; i -= 1) {
    t.activity({ type: 'call', at: workingTime(rng, c.scoredAt, c.scoredAt + 60 * DAY, w.offset), contactId: c.id, userId: owner.id, metadata: callOutcome(rng) });
  }
  if (ruledOut !== Infinity) {
    t.activity({ type: 'note', at: ruledOut + MINUTE, contactId: c.id, userId: owner.id, metadata: { text: rng.pick(RULED_OUT) } });
  }
}

const RULED_OUT = [
  'Disqualified: no budget this year.', 'Disqualified: not a fit (team too small).', 'Disqualified: no response after several attempts.',
  'Disqualified: student / job seeker.', 'Disqualified: happy with current vendor.',
];
