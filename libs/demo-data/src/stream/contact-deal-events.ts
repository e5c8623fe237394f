import { DAY, MINUTE, cadence, workingTime } from '../core/time';
import type { DealPlan } from '../plan/plan-types';
import type { MeetingKind } from '../text/action-items';
import type { InboundCategory, OutboundCategory } from '../text/email-templates';
import { callOutcome } from './activity-details';
import { within, type ContactWriter, type SentEmail } from './contact-writer';

/**
 * A deal's history. Before its scoring moment exactly the planned calls, emails and meetings happen,
 * and everything else there (opens, replies and their tone) is drawn the same way whether the deal will
 * be won or lost. After it the outcome shows: winning deals get busier and warmer, losing ones go quiet.
 */
export function writeDealHistory(w: ContactWriter, deal: DealPlan): void {
  const { contact: c, rng, timeline: t } = w;
  const owner = w.user(deal.ownerId);
  const dealId = deal.id;
  for (const stage of deal.stages) {
    t.activity({ type: 'stage_changed', at: stage.at, contactId: c.id, dealId, userId: owner.id, metadata: { from: stage.from, to: stage.to } });
  }
  for (const push of deal.closeDatePushes) {
    t.activity({
      type: 'note', at: push.at, contactId: c.id, dealId, userId: owner.id,
      metadata: { field: 'expected_close_date', from: push.from, to: push.to, text: `Close date moved from ${push.from} to ${push.to}.` },
    });
  }

  const early = { from: deal.createdAt, to: deal.scoredAt };
  const thread = w.newThread();
  let last: SentEmail | undefined;
  const emailTimes = cadence(rng, deal.activityCounts.email_sent, early.from, early.to, w.offset);
  emailTimes.forEach((at, i) => {
    const category: OutboundCategory = i === 0 ? 'follow_up' : rng.pick(['meeting_request', 'pricing_info', 'follow_up'] as const);
    last = w.sendEmail(at, owner, category, thread, dealId, deal.amount, last);
    if (rng.chance(0.6)) w.openAndClick(at, at + 3 * DAY, rng.chance(0.15), {}, dealId);
    if (rng.chance(0.3)) {
      const reply: InboundCategory = rng.weighted({ question: 35, pricing_question: 25, meeting_request: 25, out_of_office: 15 });
      last = w.reply(last, within(rng, at + 15 * MINUTE, rng.exponential(8 * 3_600_000), at + 4 * DAY), reply);
    }
  });
  for (let i = 0; i < deal.activityCounts.call; i += 1) {
    t.activity({ type: 'call', at: workingTime(rng, early.from, early.to, w.offset), contactId: c.id, dealId, userId: owner.id, metadata: callOutcome(rng) });
  }
  for (let i = 0; i < deal.activityCounts.meeting; i += 1) {
    const demo = rng.chance(0.35);
    const kind: MeetingKind = demo ? 'demo' : rng.chance(0.5) ? 'technical' : 'discovery';
    w.meeting(early.from + 2 * 3_600_000, early.to, kind, owner, dealId, demo ? 'demo' : 'meeting', colleagues(w, deal.createdAt));
  }
  writeDealEndgame(w, deal, last);
}

function writeDealEndgame(w: ContactWriter, deal: DealPlan, previous: SentEmail | undefined): void {
  const { contact: c, rng, timeline: t } = w;
  const owner = w.user(deal.ownerId);
  const from = deal.scoredAt;
  const to = deal.closeAt;
  const days = (to - from) / DAY;
  const won = deal.won;
  let last = previous;
  const thread = previous?.threadId ?? w.newThread();
  const emails = rng.poisson(days * (won ? 0.14 : 0.09));
  const times = cadence(rng, emails, from, to, w.offset);
  for (const at of times) {
    const category: OutboundCategory = rng.pick(won ? ['proposal', 'pricing_info', 'follow_up', 'meeting_request'] as const : ['follow_up', 'follow_up', 'proposal'] as const);
    last = w.sendEmail(at, owner, category, thread, deal.id, deal.amount, last);
    if (rng.chance(won ? 0.75 : 0.4)) w.openAndClick(at, at + 3 * DAY, rng.chance(0.2), {}, deal.id);
    if (rng.chance(won ? 0.5 : 0.25)) {
      const reply: InboundCategory = won
        ? rng.weighted({ pricing_question: 30, meeting_request: 25, question: 20, interested: 10, objection: 15 })
        : rng.weighted({ objection: 35, not_interested: 25, out_of_office: 20, pricing_question: 20 });
      last = w.reply(last, within(rng, at + 15 * MINUTE, rng.exponential(10 * 3_600_000), at + 5 * DAY), reply);
    }
  }
  for (let i = rng.poisson(days * (won ? 0.1 : 0.05)); i > 0; i -= 1) {
    t.activity({ type: 'call', at: workingTime(rng, from, to, w.offset), contactId: c.id, dealId: deal.id, userId: owner.id, metadata: callOutcome(rng) });
  }
  const proposalAt = deal.stages.find((s) => s.to === 'proposal')?.at;
  if (proposalAt !== undefined && proposalAt >= from && (won || rng.chance(0.4))) {
    w.meeting(proposalAt + DAY, Math.min(to, proposalAt + 10 * DAY), 'proposal_review', owner, deal.id, 'meeting', colleagues(w, from));
  }
  const negotiationAt = deal.stages.find((s) => s.to === 'negotiation')?.at;
  if (negotiationAt !== undefined && negotiationAt >= from && (won || rng.chance(0.5))) {
    w.meeting(negotiationAt, to, 'negotiation', owner, deal.id, 'meeting', colleagues(w, from));
  }
  if (won && rng.chance(0.3)) w.meeting(from, to, 'technical', owner, deal.id, 'meeting', colleagues(w, from));

  if (won) {
    last = w.sendEmail(workingTime(rng, Math.max(from, to - 4 * DAY), to - 3_600_000, w.offset), owner, 'contract', thread, deal.id, deal.amount, last);
    t.activity({ type: 'note', at: to + MINUTE, contactId: c.id, dealId: deal.id, userId: owner.id, metadata: { text: 'Closed won. Handing over to onboarding.' } });
    w.sendEmail(workingTime(rng, to + 2 * 3_600_000, to + 2 * DAY, w.offset), owner, 'onboarding', w.newThread(), deal.id);
    w.meeting(to + 3 * DAY, to + 15 * DAY, 'kickoff', owner, deal.id, 'meeting', colleagues(w, to));
  } else {
    t.activity({ type: 'note', at: to + MINUTE, contactId: c.id, dealId: deal.id, userId: owner.id, metadata: { text: `Closed lost: ${deal.lostReason}.` } });
  }
}

/** Colleagues from the same company who join some meetings: they must already be in the CRM. */
function colleagues(w: ContactWriter, after: number) {
  const others = w.contact.company.contacts.filter((other) => other.id !== w.contact.id && other.createdAt <= after);
  if (others.length === 0 || !w.rng.chance(0.35)) return [];
  return w.rng.sample(others, w.rng.int(1, Math.min(2, others.length)));
}
