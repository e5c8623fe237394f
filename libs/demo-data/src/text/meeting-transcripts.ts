import type { Random } from '../core/random';
import { drawCommitment, type ActionItem, type MeetingKind, type Side } from './action-items';

export interface Speaker {
  name: string;
  firstName: string;
  side: Side;
}

export interface MeetingText {
  title: string;
  durationMinutes: number;
  notes: string;
  actionItems: ActionItem[];
}

export interface MeetingBrief {
  kind: MeetingKind;
  company: string;
  product: string;
  startedAt: number;
  utcOffsetHours: number;
  /** The vendor's people first (the host first), then the customer's. */
  speakers: readonly Speaker[];
}

const TITLES: Record<MeetingKind, readonly string[]> = {
  discovery: ['Discovery call – {company}', 'Intro: Syntroph x {company}'],
  demo: ['Product demo – {company}', '{product} demo for {company}'],
  technical: ['Technical deep-dive – {company} IT', 'Security & integration review – {company}'],
  proposal_review: ['Proposal review – {company}', 'Proposal walkthrough with {company}'],
  negotiation: ['Commercial discussion – {company}', 'Contract terms – {company}'],
  kickoff: ['Onboarding kickoff – {company}', 'Implementation kickoff – {company}'],
  check_in: ['Quarterly business review – {company}', 'Check-in: {company}'],
};

const DURATIONS: Record<MeetingKind, readonly number[]> = {
  discovery: [30, 30, 45], demo: [45, 60], technical: [60, 60, 90], proposal_review: [30, 45],
  negotiation: [30, 45], kickoff: [60, 90], check_in: [30, 45],
};

/** Exchanges per kind: [who speaks, what they say]. */
const BODY: Record<MeetingKind, ReadonlyArray<readonly [Side, string]>> = {
  discovery: [
    ['vendor', 'Could you walk me through how your team manages the pipeline today?'],
    ['customer', 'Mostly spreadsheets, honestly. Each region keeps its own, and we merge them on Fridays for the forecast.'],
    ['vendor', 'How many people would be working in the CRM day to day?'],
    ['customer', 'About forty reps and six managers, plus marketing, who mainly need the reports.'],
    ['vendor', "What's driving the project right now? Why this quarter?"],
    ['customer', 'The board wants a forecast they can trust. Last quarter we missed by almost twenty percent.'],
    ['vendor', 'Who else would be involved in a decision like this?'],
    ['customer', 'Our CFO signs off on anything over the budget line, and IT has to approve the integrations.'],
  ],
  demo: [
    ['vendor', "Let me share my screen. This is the pipeline board, set up the way you described your stages."],
    ['customer', 'Can managers see all regions at once, or only their own team?'],
    ['vendor', 'Both: permissions follow your team structure, and the forecast rolls up automatically.'],
    ['customer', 'That looks a lot cleaner than what we have. How does the email logging work?'],
    ['vendor', 'Emails and meetings sync from the calendar, so reps do not have to log anything by hand.'],
    ['customer', 'And the reports, can we build our own or is it fixed templates?'],
    ['vendor', 'You can build your own. Here is the win-rate report by rep and by segment, for example.'],
  ],
  technical: [
    ['customer', 'Where is the data hosted, and can we keep it in the EU?'],
    ['vendor', 'Yes, we run EU and US regions, and your workspace stays in the one you pick.'],
    ['customer', 'We use SAML single sign-on through our identity provider. Is that supported?'],
    ['vendor', 'It is. Provisioning too, so leavers lose access the same day.'],
    ['customer', 'What about the ERP? We need orders to flow back into the account view.'],
    ['vendor', 'The ERP connector handles that; sync runs every fifteen minutes by default.'],
  ],
  proposal_review: [
    ['vendor', 'I wanted to walk through the proposal and make sure it reflects what we discussed.'],
    ['customer', 'Thanks. The scope looks right. The price is higher than we expected, to be honest.'],
    ['vendor', 'Understood. Part of that is the analytics add-on; we could phase it in next year.'],
    ['customer', 'That would help. What does onboarding include exactly?'],
    ['vendor', 'Data migration, admin training and two sessions for the reps, all in the first six weeks.'],
    ['customer', 'OK. I need to take this to our CFO before we commit to anything.'],
  ],
  negotiation: [
    ['customer', 'We are close. Legal had a few comments on the liability clause.'],
    ['vendor', 'Send them over and I will get our legal team on it right away.'],
    ['customer', 'Procurement also asked about paying quarterly instead of annually.'],
    ['vendor', 'Quarterly billing is possible with a two-year term. I can put both options in the order form.'],
    ['customer', 'Good. If that works, we could sign before the end of the month.'],
  ],
  kickoff: [
    ['vendor', 'Welcome, everyone. Today is about goals, the migration plan and a go-live date.'],
    ['customer', 'Our main goal is one forecast for all regions by the end of next quarter.'],
    ['vendor', 'Great. For the migration we will start with accounts and contacts, then open deals.'],
    ['customer', 'We have quite a few duplicate accounts. Is that a problem?'],
    ['vendor', 'We de-duplicate during import, but cleaning the worst ones first saves time.'],
    ['customer', 'Makes sense. Training should happen the week before go-live, not earlier.'],
  ],
  check_in: [
    ['vendor', 'Thanks for joining. I pulled your usage numbers: adoption is up to about eighty percent of seats.'],
    ['customer', 'The reps like it. Managers still export to spreadsheets for the weekly meeting, though.'],
    ['vendor', 'We could set up a saved report for that meeting so nobody needs to export.'],
    ['customer', 'That would be great. We also had a few slow days last month.'],
    ['vendor', 'Yes, I saw the tickets. Engineering shipped a fix, and I will keep an eye on it.'],
  ],
};

const OPENINGS: ReadonlyArray<readonly [Side, string]> = [
  ['vendor', 'Hi everyone, thanks for making the time today.'],
  ['customer', 'Thanks for having us.'],
  ['vendor', 'Good morning! Can you all hear me OK?'],
  ['customer', 'Yes, loud and clear.'],
  ['vendor', 'Before we start, how was your week?'],
  ['customer', 'Busy, quarter-end is always a bit hectic. But good.'],
];

const CLOSINGS: ReadonlyArray<readonly [Side, string]> = [
  ['vendor', "Great, I think that's everything. I'll send a short recap after the call."],
  ['customer', 'Perfect, thanks. Talk soon.'],
  ['vendor', 'Thanks everyone, have a good rest of your day.'],
  ['customer', 'You too, bye.'],
];

export function writeMeeting(rng: Random, brief: MeetingBrief): MeetingText {
  const vendor = brief.speakers.filter((s) => s.side === 'vendor');
  const customer = brief.speakers.filter((s) => s.side === 'customer');
  const speak = (side: Side) => (side === 'vendor' ? vendor : customer)[0] as Speaker;
  const anyOf = (side: Side) => rng.pick(side === 'vendor' ? vendor : customer);
  const turns: string[] = [];
  const say = (speaker: Speaker, text: string) => turns.push(`${speaker.name}: ${text}`);

  const opening = rng.int(0, 2) * 2;
  say(speak('vendor'), (OPENINGS[opening] as readonly [Side, string])[1]);
  say(anyOf('customer'), (OPENINGS[opening + 1] as readonly [Side, string])[1]);
  const body = BODY[brief.kind];
  // Exchanges come in question-answer pairs: start on a pair boundary so no answer lacks its question.
  const first = 2 * rng.int(0, Math.max(0, Math.floor((body.length - 4) / 2)));
  for (const [side, text] of body.slice(first, first + rng.int(4, body.length))) say(anyOf(side), text);

  const taken = new Set<string>();
  const actionItems: ActionItem[] = [];
  const commitments = rng.weightedIndex([0, 45, 40, 15]);
  for (let i = 0; i < commitments; i += 1) {
    const side: Side = i === 0 ? 'vendor' : rng.chance(0.5) ? 'customer' : 'vendor';
    const owner = anyOf(side);
    const spoken = drawCommitment(rng, brief.kind, side, owner.name, brief.startedAt, brief.utcOffsetHours, taken);
    if (side === 'customer' && rng.chance(0.4)) say(speak('vendor'), `${owner.firstName}, could you take the next step on your side?`);
    say(owner, spoken.line);
    actionItems.push(spoken.item);
  }
  const closing = rng.chance(0.5) ? 0 : 2;
  say(speak('vendor'), (CLOSINGS[closing] as readonly [Side, string])[1]);
  say(anyOf('customer'), (CLOSINGS[closing + 1] as readonly [Side, string])[1]);

  const notes = rng.chance(0.15) ? summaryNotes(brief, actionItems) : turns.join('\n');
  return {
    title: rng.pick(TITLES[brief.kind]).replace('{company}', brief.company).replace('{product}', brief.product),
    durationMinutes: rng.pick(DURATIONS[brief.kind]),
    notes,
    actionItems,
  };
}

/** Some reps write notes instead of recording: a summary and the action items as a list. */
function summaryNotes(brief: MeetingBrief, items: readonly ActionItem[]): string {
  const attendees = brief.speakers.map((s) => s.name).join(', ');
  const list = items.map((item) => `- ${item.owner}: ${item.text} (due ${item.due})`).join('\n');
  return `Attendees: ${attendees}\n\nSummary: ${brief.kind.replace('_', ' ')} meeting with ${brief.company} about ${brief.product}.\n\nAction items:\n${list}`;
}
