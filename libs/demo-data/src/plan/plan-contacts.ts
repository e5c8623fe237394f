import type { LeadSource } from '@hub/contracts';
import { sigmoid, type Random } from '../core/random';
import { DAY, MINUTE } from '../core/time';
import { emailLocalPart, personName, phoneNumber } from '../catalog/people';
import { DECISION_MAKER_RATE, drawSeniority, titleFor } from '../catalog/titles';
import {
  LEAD_SCORING_OFFSET_DAYS, TECH_STACKS, type EngagementCounts, type TechStack,
} from '../signal/lead-signal';
import type { PlannedCompany } from './plan-companies';
import type { ContactPlan, UserPlan } from './plan-types';
import { repsOf } from './plan-users';

const LEAD_SOURCE_WEIGHTS: Record<LeadSource, number> = {
  inbound: 24, outbound: 22, referral: 8, event: 12, partner: 7, paid: 14, organic: 13,
};

/** How a lead source shifts a contact's latent interest: people who came to us are warmer. */
const INTENT_BY_SOURCE: Record<LeadSource, number> = {
  inbound: 0.3, referral: 0.3, partner: 0.15, event: 0.1, organic: 0.1, paid: 0, outbound: -0.3,
};

const LANGUAGE_BY_LOCALE: Record<string, string> = {
  de: 'de', de_CH: 'de', fr: 'fr', nl: 'nl', es: 'es', it: 'it', sv: 'sv', pl: 'pl', pt_BR: 'pt',
};

/** Contacts with their static fields and what they did before their scoring moment; ids by creation order. */
export function planContacts(rng: Random, planned: readonly PlannedCompany[], users: readonly UserPlan[]): ContactPlan[] {
  const contacts: ContactPlan[] = [];
  for (const { company, contactTimes } of planned) {
    const localParts = new Set<string>();
    const team = repsOf(users, company.segment);
    for (const createdAt of contactTimes) {
      const name = personName(rng, company.country.locale);
      let local = emailLocalPart(rng, name);
      for (let n = 2; localParts.has(local); n += 1) local = `${emailLocalPart(rng, name)}${n}`;
      localParts.add(local);
      const seniority = drawSeniority(rng, company.segment);
      const leadSource = rng.weighted(LEAD_SOURCE_WEIGHTS);
      const intent = rng.normal() + INTENT_BY_SOURCE[leadSource];
      const webLead = leadSource === 'inbound' || leadSource === 'paid' || leadSource === 'organic';
      const contact: ContactPlan = {
        id: 0,
        company,
        ownerId: rng.chance(0.8) ? company.accountOwnerId : rng.pick(team).id,
        firstName: name.firstName,
        lastName: name.lastName,
        email: `${local}@${company.domain}`,
        phone: rng.chance(0.75) ? phoneNumber(rng, company.country.locale) : null,
        title: rng.chance(0.93) ? titleFor(rng, seniority, company.segment) : null,
        seniority,
        isDecisionMaker: rng.chance(DECISION_MAKER_RATE[seniority]),
        leadSource,
        productFitScore: Math.round(Math.min(100, Math.max(0, rng.normal(50, 18) + 4 * intent))),
        trialActive: rng.chance(sigmoid(-2.1 + 0.5 * intent + (webLead ? 0.6 : 0))),
        techStack: rng.weighted(TECH_STACKS) as TechStack,
        newsletterOptIn: rng.chance(0.6),
        preferredLanguage: rng.chance(0.85) ? (LANGUAGE_BY_LOCALE[company.country.locale] ?? 'en') : 'en',
        createdAt,
        scoredAt: createdAt + LEAD_SCORING_OFFSET_DAYS * DAY,
        intent,
        engagement: emptyCounts(),
        salesEmailsBeforeScoring: 0,
        mqlAt: null,
        leadLogit: 0,
        pConvert: 0,
        converts: false,
        deal: null,
        convertsAt: null,
        lifecycle: [],
        seed: rng.seed(),
      };
      const drawn = drawEngagement(rng, contact);
      contact.engagement = drawn.counts;
      contact.salesEmailsBeforeScoring = drawn.salesEmails;
      contact.mqlAt = drawMqlMoment(rng, contact);
      company.contacts.push(contact);
      contacts.push(contact);
    }
  }
  contacts.sort((a, b) => a.createdAt - b.createdAt || a.company.id - b.company.id);
  contacts.forEach((contact, index) => { contact.id = index + 1; });
  return contacts;
}

export function emptyCounts(): EngagementCounts {
  return {
    email_sent: 0, email_opened: 0, email_clicked: 0, email_replied: 0, website_visit: 0, form_submitted: 0,
    content_download: 0, call: 0, meeting: 0, demo: 0, note: 0,
  };
}

/** The first three weeks: volumes follow the contact's latent interest and how it reached us. */
function drawEngagement(rng: Random, c: ContactPlan): { counts: EngagementCounts; salesEmails: number } {
  const z = c.intent;
  const s = c.leadSource;
  const web = s === 'inbound' || s === 'paid' || s === 'organic' ? 0.4 : 0;
  const sales = rng.poisson(s === 'outbound' ? 3.2 : 1.4);
  const marketing = rng.poisson(c.newsletterOptIn ? 1.2 : 0.3);
  const sent = sales + marketing;
  const opened = rng.binomial(sent, sigmoid(-0.2 + 0.8 * z));
  const counts: EngagementCounts = {
    email_sent: sent,
    email_opened: opened,
    email_clicked: rng.binomial(opened, sigmoid(-1.5 + 0.7 * z)),
    email_replied: rng.binomial(sales, sigmoid(-1.9 + 0.9 * z)),
    website_visit: rng.poisson(Math.exp(0.4 + 0.75 * z + web)),
    form_submitted: rng.poisson(Math.exp(-1.4 + 0.6 * z + (s === 'inbound' || s === 'paid' ? 0.8 : 0))),
    content_download: rng.poisson(Math.exp(-1.2 + 0.6 * z + (s === 'organic' || s === 'event' ? 0.3 : 0))),
    call: rng.poisson(s === 'outbound' ? 1.6 : 0.6),
    meeting: rng.poisson(Math.exp(-1.7 + 0.6 * z + (s === 'referral' || s === 'partner' ? 0.4 : 0))),
    demo: rng.chance(sigmoid(-2.4 + 0.9 * z + (c.trialActive ? 0.6 : 0))) ? 1 : 0,
    note: rng.poisson(0.4),
  };
  return { counts, salesEmails: sales };
}

/** A contact becomes an MQL at its first form or download: a web lead's first form is what created it. */
function drawMqlMoment(rng: Random, c: ContactPlan): number | null {
  if (c.engagement.form_submitted + c.engagement.content_download === 0) return null;
  if ((c.leadSource === 'inbound' || c.leadSource === 'paid') && c.engagement.form_submitted > 0) {
    return c.createdAt + 2 * MINUTE;
  }
  const window = c.scoredAt - c.createdAt;
  return c.createdAt + 5 * MINUTE + Math.floor(window * 0.9 * Math.pow(rng.float(), 1.5));
}
