import type { Random } from '../core/random';
import { DAY, localParts, mailClientDate } from '../core/time';
import {
  INBOUND_TEMPLATES, OUTBOUND_TEMPLATES, TOPICS, type EmailCategory, type EmailSentiment, type InboundCategory,
  type OutboundCategory,
} from './email-templates';

/** Someone on either end of an email. */
export interface EmailParty {
  firstName: string;
  lastName: string;
  email: string;
  title: string | null;
  organisation: string;
  phone: string | null;
}

export interface EmailContext {
  from: EmailParty;
  to: EmailParty;
  sentAt: number;
  /** The sender's office, for dates in quoted headers. */
  utcOffsetHours: number;
  company: string;
  product: string;
  currency: string;
  amount: number | null;
  /** The message this one answers: its subject becomes "Re: ..." and its text is quoted below. */
  inReplyTo?: { from: EmailParty; sentAt: number; subject: string; body: string };
}

export interface WrittenEmail {
  subject: string;
  body: string;
  category: EmailCategory;
  sentiment: EmailSentiment;
}

type Tone = 'formal' | 'friendly' | 'terse';
const CURRENCY_SIGNS: Record<string, string> = { EUR: '€', USD: '$', GBP: '£' };
const RIVALS = ['Salesforce', 'HubSpot', 'Pipedrive', 'our current vendor', 'Zoho'];
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];

export function writeOutbound(rng: Random, category: OutboundCategory, ctx: EmailContext): WrittenEmail {
  return compose(rng, category, rng.pick(OUTBOUND_TEMPLATES[category]), ctx, true);
}

export function writeInbound(rng: Random, category: InboundCategory, ctx: EmailContext): WrittenEmail {
  return compose(rng, category, rng.pick(INBOUND_TEMPLATES[category]), ctx, false);
}

function compose(
  rng: Random, category: EmailCategory, template: { subject: string; body: string; sentiment: EmailSentiment },
  ctx: EmailContext, outbound: boolean,
): WrittenEmail {
  const tone: Tone = rng.weighted({ formal: 35, friendly: 45, terse: 20 });
  const fill = filler(rng, ctx);
  const automatic = category === 'out_of_office';
  const parts: string[] = [];
  if (!automatic) parts.push(greeting(rng, tone, ctx.to));
  parts.push(fill(template.body));
  if (!automatic) parts.push(`${signOff(rng, tone)}\n${signature(rng, tone, ctx.from, outbound)}`);
  let body = parts.filter((part) => part.length > 0).join('\n\n');
  let subject = fill(template.subject);
  if (ctx.inReplyTo) {
    const original = ctx.inReplyTo.subject.replace(/^(Re|Automatic reply): /i, '');
    subject = automatic ? `Automatic reply: ${original}` : `Re: ${original}`;
    if (!automatic && rng.chance(0.7)) body += `\n\n${quote(ctx.inReplyTo, ctx.utcOffsetHours)}`;
  }
  return { subject, body, category, sentiment: template.sentiment };
}

/** Placeholder values are drawn only when a template uses them: most use two or three. */
function filler(rng: Random, ctx: EmailContext): (text: string) => string {
  const values: Record<string, () => string> = {
    first: () => ctx.to.firstName,
    company: () => ctx.company,
    product: () => ctx.product,
    day: () => rng.pick(WEEKDAYS),
    time: () => rng.pick(['9:30', '10:00', '11:00', '14:00', '15:30', '16:00']),
    competitor: () => rng.pick(RIVALS),
    seats: () => String(rng.int(2, 60) * 5),
    amount: () => `${CURRENCY_SIGNS[ctx.currency] ?? `${ctx.currency} `}${thousands(Math.round(ctx.amount ?? rng.int(8, 200) * 1000))}`,
    month: () => localParts(ctx.sentAt + rng.int(20, 80) * DAY, ctx.utcOffsetHours).monthName,
    topic: () => rng.pick(TOPICS),
  };
  return (text) => text.replace(/\{(\w+)\}/g, (match, key: string) => values[key]?.() ?? match);
}

function greeting(rng: Random, tone: Tone, to: EmailParty): string {
  if (tone === 'formal') return rng.chance(0.3) ? `Dear ${to.firstName} ${to.lastName},` : `Hello ${to.firstName},`;
  if (tone === 'friendly') return rng.pick([`Hi ${to.firstName},`, `Hey ${to.firstName}!`, `Hi ${to.firstName} -`]);
  return rng.chance(0.5) ? `${to.firstName},` : '';
}

function signOff(rng: Random, tone: Tone): string {
  if (tone === 'formal') return rng.pick(['Kind regards,', 'Best regards,', 'Sincerely,']);
  if (tone === 'friendly') return rng.pick(['Cheers,', 'Thanks!', 'Best,', 'Talk soon,']);
  return rng.pick(['Thx', 'Best', '-']);
}

function signature(rng: Random, tone: Tone, from: EmailParty, outbound: boolean): string {
  if (!outbound && tone === 'terse' && rng.chance(0.5)) return `${from.firstName}\n\nSent from my iPhone`;
  const lines = [`${from.firstName} ${from.lastName}`];
  if (from.title) lines.push(outbound ? `${from.title} | ${from.organisation}` : `${from.title}, ${from.organisation}`);
  else lines.push(from.organisation);
  if (from.phone) lines.push(`${outbound ? 'Direct' : 'T'}: ${from.phone}`);
  if (outbound && rng.chance(0.4)) lines.push(`Book a meeting: https://meet.syntroph.example/${from.email.split('@')[0]}`);
  return lines.join('\n');
}

/** The quoted original, as mail clients add it under a reply. */
function quote(original: NonNullable<EmailContext['inReplyTo']>, utcOffsetHours: number): string {
  const own = original.body.split('\n\nOn ')[0] as string;
  const quoted = own.split('\n').map((line) => (line.length > 0 ? `> ${line}` : '>')).join('\n');
  const who = `${original.from.firstName} ${original.from.lastName} <${original.from.email}>`;
  return `On ${mailClientDate(original.sentAt, utcOffsetHours)}, ${who} wrote:\n${quoted}`;
}

/** 24500 -> "24,500", without Intl: output must not depend on the runtime's locale data. */
function thousands(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
