import { timeMs } from '@hub/lead-scoring';
import { DAY_MS } from '../deal-win-settings';
import { isCloseDatePush, type DealSnapshot } from '../snapshot/deal-snapshot';

/** The deal's touches (activities, emails, meetings) before the moment. */
export interface TouchCounts {
  total: number;
  last7d: number;
  last14d: number;
  last30d: number;
  last90d: number;
  calls: number;
  emailsSent: number;
  emailsOpened: number;
  emailsReplied: number;
  /** `meeting` and `demo` activities. */
  meetings: number;
  demos: number;
  notes: number;
  inboundEmails: number;
  outboundEmails: number;
  /** Meeting records and their minutes. */
  meetingsHeld: number;
  meetingMinutes: number;
}

export interface ContactEngagement {
  readonly contactId: number;
  readonly isDecisionMaker: boolean;
  touches: number;
  /** Touches the contact made: replies, clicks, meetings and demos attended, inbound emails. */
  responses: number;
  lastTouchAt: number;
  lastResponseAt: number | null;
}

const RESPONSE_TYPES = new Set(['email_replied', 'email_clicked', 'meeting', 'demo']);
const COUNTED: Record<string, keyof TouchCounts> = {
  call: 'calls', email_sent: 'emailsSent', email_opened: 'emailsOpened', email_replied: 'emailsReplied',
  meeting: 'meetings', demo: 'meetings', note: 'notes',
};

function emptyCounts(): TouchCounts {
  return {
    total: 0, last7d: 0, last14d: 0, last30d: 0, last90d: 0, calls: 0, emailsSent: 0, emailsOpened: 0, emailsReplied: 0,
    meetings: 0, demos: 0, notes: 0, inboundEmails: 0, outboundEmails: 0, meetingsHeld: 0, meetingMinutes: 0,
  };
}

/**
 * Touches before `at`, overall, by kind and per contact. Stage moves and close-date notes are
 * bookkeeping, not touches: a deal whose only news is a pushed date has gone quiet.
 */
export function engagementFacts(snapshot: DealSnapshot, at: number) {
  const touches = emptyCounts();
  const decisionMakers = new Set(snapshot.contacts.filter((c) => c.is_decision_maker === true).map((c) => c.id));
  const byContact = new Map<number, ContactEngagement>();
  let lastActivityAt = -Infinity;
  const count = (t: number) => {
    touches.total++;
    const age = at - t;
    if (age <= 7 * DAY_MS) touches.last7d++;
    if (age <= 14 * DAY_MS) touches.last14d++;
    if (age <= 30 * DAY_MS) touches.last30d++;
    if (age <= 90 * DAY_MS) touches.last90d++;
    if (t > lastActivityAt) lastActivityAt = t;
  };
  const engage = (t: number, contactId: number | null | undefined, response: boolean) => {
    if (typeof contactId !== 'number') return;
    let contact = byContact.get(contactId);
    if (!contact) {
      contact = { contactId, isDecisionMaker: decisionMakers.has(contactId), touches: 0, responses: 0, lastTouchAt: t, lastResponseAt: null };
      byContact.set(contactId, contact);
    }
    contact.touches++;
    if (t > contact.lastTouchAt) contact.lastTouchAt = t;
    if (response) {
      contact.responses++;
      if (contact.lastResponseAt === null || t > contact.lastResponseAt) contact.lastResponseAt = t;
    }
  };

  for (const activity of snapshot.activities) {
    if (activity.type === 'stage_changed' || activity.type === 'lifecycle_changed' || isCloseDatePush(activity)) continue;
    const t = timeMs(activity.occurred_at);
    if (!(t < at)) continue;
    const kind = COUNTED[activity.type];
    if (kind) touches[kind]++;
    if (activity.type === 'demo') touches.demos++;
    count(t);
    engage(t, activity.contact_id, RESPONSE_TYPES.has(activity.type));
  }
  for (const email of snapshot.emails) {
    const t = timeMs(email.sent_at);
    if (!(t < at)) continue;
    if (email.direction === 'inbound') touches.inboundEmails++;
    else touches.outboundEmails++;
    count(t);
    engage(t, email.contact_id, email.direction === 'inbound');
  }
  for (const meeting of snapshot.meetings) {
    const t = timeMs(meeting.started_at);
    if (!(t < at)) continue;
    touches.meetingsHeld++;
    touches.meetingMinutes += meeting.duration_minutes ?? 0;
    count(t);
    for (const id of meeting.contact_ids ?? []) engage(t, id, true);
  }
  const contacts = [...byContact.values()].sort((a, b) => b.responses - a.responses || b.touches - a.touches || a.contactId - b.contactId);
  const champion = contacts.find((c) => c.responses > 0) ?? contacts[0] ?? null;
  return { touches, contacts, champion, lastActivityAt: Number.isFinite(lastActivityAt) ? lastActivityAt : null };
}
