import type { Random } from '../core/random';
import { HOUR, MINUTE, iso, meetingTime } from '../core/time';
import { PLATFORM_BY_SEGMENT, productByCode } from '../catalog/products';
import type { ContactPlan, CustomerPlan, UserPlan } from '../plan/plan-types';
import type { MeetingKind } from '../text/action-items';
import type { InboundCategory, OutboundCategory } from '../text/email-templates';
import { writeInbound, writeOutbound, type EmailParty, type WrittenEmail } from '../text/email-writer';
import { writeMeeting } from '../text/meeting-transcripts';
import { contactParty, contactSpeaker, userParty, userSpeaker } from './parties';
import type { Timeline } from './timeline';

/** What the streams need from the plan beyond the contact itself. */
export interface StreamEnv {
  asOf: number;
  users: ReadonlyMap<number, UserPlan>;
  managers: ReadonlyMap<string, UserPlan>;
  customers: ReadonlyMap<number, CustomerPlan>;
}

/** A sent email, kept so a reply can quote it. */
export interface SentEmail {
  at: number;
  threadId: string;
  subject: string;
  body: string;
  user: UserPlan;
  /** Who wrote it: the rep for a sent email, the contact for a reply. */
  author: EmailParty;
  dealId: number | null;
  written: WrittenEmail;
  pending: ReturnType<Timeline['email']>;
}

/**
 * The primitives every part of a contact's history is written with: a logged sales email, a reply, a
 * meeting with its transcript. Each keeps the email or meeting record and its activity consistent.
 */
export class ContactWriter {
  readonly offset: number;
  readonly product: string;
  private threads = 0;

  constructor(
    readonly contact: ContactPlan, readonly rng: Random, readonly timeline: Timeline, readonly env: StreamEnv,
  ) {
    this.offset = contact.company.country.utcOffsetHours;
    this.product = productByCode(PLATFORM_BY_SEGMENT[contact.company.segment])?.name ?? 'Syntroph';
  }

  user(id: number): UserPlan {
    return this.env.users.get(id) as UserPlan;
  }

  newThread(): string {
    this.threads += 1;
    return `c${this.contact.id}-t${this.threads}`;
  }

  /** An outbound 1:1 email and its email_sent activity. */
  sendEmail(at: number, user: UserPlan, category: OutboundCategory, threadId: string, dealId: number | null, amount: number | null = null, replyTo?: SentEmail): SentEmail {
    const written = this.timeline.accepts(at)
      ? writeOutbound(this.rng, category, {
        from: userParty(user), to: contactParty(this.contact), sentAt: at, utcOffsetHours: this.offset,
        company: this.contact.company.name, product: this.product, currency: this.contact.company.country.currency, amount,
        inReplyTo: replyTo && { from: replyTo.author, sentAt: replyTo.at, subject: replyTo.subject, body: replyTo.body },
      })
      : { subject: '', body: '', category, sentiment: 'neutral' as const };
    const pending = this.timeline.email(at, this.emailData('outbound', written, at, threadId, dealId), written.category, written.sentiment);
    this.timeline.activity({ type: 'email_sent', at, contactId: this.contact.id, dealId, userId: user.id, logs: pending });
    return { at, threadId, subject: written.subject, body: written.body, user, author: userParty(user), dealId, written, pending };
  }

  /** The contact's answer to `original`, logged as email_replied. */
  reply(original: SentEmail, at: number, category: InboundCategory): SentEmail {
    const written = this.timeline.accepts(at)
      ? writeInbound(this.rng, category, {
        from: contactParty(this.contact), to: userParty(original.user), sentAt: at, utcOffsetHours: this.offset,
        company: this.contact.company.name, product: this.product, currency: this.contact.company.country.currency, amount: null,
        inReplyTo: { from: original.author, sentAt: original.at, subject: original.subject, body: original.body },
      })
      : { subject: '', body: '', category, sentiment: 'neutral' as const };
    const pending = this.timeline.email(at, this.emailData('inbound', written, at, original.threadId, original.dealId), written.category, written.sentiment);
    this.timeline.activity({ type: 'email_replied', at, contactId: this.contact.id, dealId: original.dealId, userId: original.user.id, logs: pending });
    return { ...original, at, subject: written.subject, body: written.body, author: contactParty(this.contact), written, pending };
  }

  /** An email the contact starts (a complaint, an unsubscribe request), not logged as a reply. */
  inbound(at: number, user: UserPlan, category: InboundCategory, dealId: number | null): void {
    if (!this.timeline.accepts(at)) return;
    const written = writeInbound(this.rng, category, {
      from: contactParty(this.contact), to: userParty(user), sentAt: at, utcOffsetHours: this.offset,
      company: this.contact.company.name, product: this.product, currency: this.contact.company.country.currency, amount: null,
    });
    this.timeline.email(at, this.emailData('inbound', written, at, this.newThread(), dealId), written.category, written.sentiment);
  }

  private emailData(direction: 'inbound' | 'outbound', written: WrittenEmail, at: number, threadId: string, dealId: number | null) {
    const data: Record<string, unknown> = { direction, contact_id: this.contact.id };
    if (dealId !== null) data['deal_id'] = dealId;
    data['subject'] = written.subject;
    data['body'] = written.body;
    data['sent_at'] = iso(at);
    data['thread_id'] = threadId;
    return data;
  }

  /** Opens (and maybe a click) some time after a send, but before `before`. */
  openAndClick(sentAt: number, before: number, clicked: boolean, metadata: Record<string, unknown>, dealId: number | null = null): void {
    const openAt = within(this.rng, sentAt + MINUTE, this.rng.exponential(4 * HOUR), before);
    this.timeline.activity({ type: 'email_opened', at: openAt, contactId: this.contact.id, dealId, metadata });
    if (!clicked) return;
    const clickAt = within(this.rng, openAt + 5_000, this.rng.exponential(3 * MINUTE), before);
    this.timeline.activity({ type: 'email_clicked', at: clickAt, contactId: this.contact.id, dealId, metadata: { ...metadata, url: this.rng.pick(LINKS) } });
  }

  /** A meeting record with its transcript, and the meeting or demo activity that logs it. */
  meeting(
    from: number, to: number, kind: MeetingKind, host: UserPlan, dealId: number | null, type: 'meeting' | 'demo',
    colleagues: readonly ContactPlan[] = [],
  ): number {
    const at = meetingTime(this.rng, from, to, this.offset);
    if (!this.timeline.accepts(at)) return at;
    const attendees = [this.contact, ...colleagues.filter((c) => c.id !== this.contact.id && c.createdAt <= at)];
    const vendor = [host];
    const manager = this.env.managers.get(host.team ?? '');
    if (manager && manager.id !== host.id && (kind === 'negotiation' || this.rng.chance(0.12))) vendor.push(manager);
    const text = writeMeeting(this.rng, {
      kind, company: this.contact.company.name, product: this.product, startedAt: at, utcOffsetHours: this.offset,
      speakers: [...vendor.map(userSpeaker), ...attendees.map(contactSpeaker)],
    });
    const data: Record<string, unknown> = { title: text.title };
    if (dealId !== null) data['deal_id'] = dealId;
    data['contact_ids'] = attendees.map((c) => c.id);
    data['user_id'] = host.id;
    data['started_at'] = iso(at);
    data['duration_minutes'] = text.durationMinutes;
    data['notes'] = text.notes;
    const pending = this.timeline.meeting(at, data, text.actionItems);
    this.timeline.activity({ type, at, contactId: this.contact.id, dealId, userId: host.id, logs: pending });
    return at;
  }
}

/**
 * `start + delay` to the second, pulled back inside [start, before) when it would overshoot: an open
 * planned before the scoring moment must stay before it. A window with no room gives `before - 1`.
 */
export function within(rng: Random, start: number, delay: number, before: number): number {
  if (start >= before) return before - 1;
  const at = Math.floor((start + delay) / 1000) * 1000;
  if (at >= start && at < before) return at;
  return start + Math.floor((before - start) * rng.float());
}

const LINKS = [
  'https://syntroph.example/pricing', 'https://syntroph.example/guides/forecasting', 'https://syntroph.example/webinars',
  'https://syntroph.example/customers', 'https://syntroph.example/demo',
];
