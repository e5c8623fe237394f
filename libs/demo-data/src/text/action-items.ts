import type { Random } from '../core/random';
import { DAY, HOUR, daysUntilWeekday, isoDate, localParts } from '../core/time';

export type MeetingKind = 'discovery' | 'demo' | 'technical' | 'proposal_review' | 'negotiation' | 'kickoff' | 'check_in';
export type Side = 'vendor' | 'customer';

/** A commitment made in a meeting: who, what, and by when (a local calendar date). */
export interface ActionItem {
  owner: string;
  text: string;
  due: string;
}

const COMMITMENTS: Record<MeetingKind, Record<Side, readonly string[]>> = {
  discovery: {
    vendor: ['send over a recap with next steps', 'share two customer references in your industry', 'book a tailored demo for your team'],
    customer: ['share an export of our current pipeline', 'collect requirements from the regional sales leads', 'check who else should join the demo'],
  },
  demo: {
    vendor: ['set up a sandbox for your team', 'send pricing for the options we discussed', 'share the security documentation'],
    customer: ['set up a call with our IT security team', 'send the list of users who need access', 'get feedback from the team leads'],
  },
  technical: {
    vendor: ['answer the security questionnaire', 'check with product on the ERP connector roadmap', 'send the API documentation'],
    customer: ['send our data model and field list', 'confirm the SSO provider with IT', 'share the sample data set'],
  },
  proposal_review: {
    vendor: ['send the revised proposal', 'send pricing for the two-year option', 'draft a mutual action plan'],
    customer: ['get budget sign-off from our CFO', 'review the terms with legal', 'confirm the number of seats'],
  },
  negotiation: {
    vendor: ['send the order form', 'get approval for the multi-year discount', 'update the contract with the new payment terms'],
    customer: ['review the contract with legal', 'get the order form signed', 'confirm the start date with procurement'],
  },
  kickoff: {
    vendor: ['prepare the data migration plan', 'schedule the admin training', 'set up the production workspace'],
    customer: ['send the list of users who need access', 'confirm the go-live date internally', 'clean up the duplicate accounts before migration'],
  },
  check_in: {
    vendor: ['check with product on the reporting request', 'schedule a refresher training', 'send the usage report'],
    customer: ['send over our current reporting templates', 'nominate a second admin', 'share feedback from the new hires'],
  },
};

interface Deadline {
  phrase: string;
  days: number;
}

/** A spoken deadline and the day it means, counted from the meeting's local date. */
function deadline(rng: Random, meetingAt: number, utcOffsetHours: number): Deadline {
  const local = localParts(meetingAt, utcOffsetHours);
  switch (rng.int(0, 7)) {
    case 0: return { phrase: 'by Friday', days: daysUntilWeekday(meetingAt, 5, utcOffsetHours) };
    case 1: {
      const friday = daysUntilWeekday(meetingAt, 5, utcOffsetHours);
      return { phrase: 'by the end of next week', days: friday <= 4 ? friday + 7 : friday };
    }
    case 2: return local.weekday === 5
      ? { phrase: 'on Monday', days: 3 }
      : { phrase: 'tomorrow', days: 1 };
    case 3: return { phrase: 'by Wednesday', days: daysUntilWeekday(meetingAt, 3, utcOffsetHours) };
    case 4: return { phrase: 'before our next call on Tuesday', days: daysUntilWeekday(meetingAt, 2, utcOffsetHours) };
    case 5: return { phrase: 'within two weeks', days: 14 };
    case 6: {
      const target = local.day < 15 ? 15 - local.day : daysInMonth(local.year, local.month) - local.day + 15;
      return { phrase: 'by the 15th', days: target };
    }
    default: {
      const left = daysInMonth(local.year, local.month) - local.day;
      return left >= 3
        ? { phrase: 'by the end of the month', days: left }
        : { phrase: 'by the end of next month', days: left + daysInMonth(local.year, local.month, 1) };
    }
  }
}

const MONTH_INDEX: Record<string, number> = {
  Jan: 0, Feb: 1, Mar: 2, Apr: 3, May: 4, Jun: 5, Jul: 6, Aug: 7, Sep: 8, Oct: 9, Nov: 10, Dec: 11,
};

function daysInMonth(year: number, month: string, ahead = 0): number {
  const index = (MONTH_INDEX[month] ?? 0) + ahead;
  return new Date(Date.UTC(year, index + 1, 0)).getUTCDate();
}

export interface SpokenCommitment {
  /** The words said, e.g. "I'll send the revised proposal by Friday." */
  line: string;
  item: ActionItem;
}

export function drawCommitment(
  rng: Random, kind: MeetingKind, side: Side, owner: string, meetingAt: number, utcOffsetHours: number, taken: Set<string>,
): SpokenCommitment {
  const options = COMMITMENTS[kind][side].filter((text) => !taken.has(text));
  const text = rng.pick(options.length > 0 ? options : COMMITMENTS[kind][side]);
  taken.add(text);
  const when = deadline(rng, meetingAt, utcOffsetHours);
  const due = isoDate(meetingAt + utcOffsetHours * HOUR + when.days * DAY);
  const opener = rng.pick(["I'll", 'I will', "OK, I'll", "Let me take that: I'll", 'On our side, I will']);
  return { line: `${opener} ${text} ${when.phrase}.`, item: { owner, text, due } };
}
