import { Random } from '../core/random';
import { DAY } from '../core/time';
import { HISTORY_DAYS, SIZE_PROFILES, type DemoSize } from '../demo-options';
import { planCompanies } from './plan-companies';
import { planContacts } from './plan-contacts';
import { planCustomer } from './plan-customers';
import { pushCloseDates } from './plan-deals';
import { planLeadJourney } from './plan-lead-journey';
import type { CustomerPlan, DealPlan, DemoPlan } from './plan-types';
import { planUsers } from './plan-users';

/**
 * Decides the whole data set except the per-contact detail: who exists, what they did before each
 * scoring moment, every outcome and when it happened. Each stage draws from its own child stream so a
 * change in one (say, more company fields) does not reshuffle the others.
 */
export function buildPlan(seed: number, size: DemoSize, asOf: number): DemoPlan {
  const root = new Random(seed);
  const profile = SIZE_PROFILES[size];
  const start = asOf - HISTORY_DAYS * DAY;
  const users = planUsers(root.child(), profile);
  const planned = planCompanies(root.child(), profile.contacts, users, start, asOf);
  const contacts = planContacts(root.child(), planned, users);
  const journeys = root.child();
  for (const contact of contacts) planLeadJourney(journeys, contact, users);

  const deals = contacts
    .map((contact) => contact.deal)
    .filter((deal): deal is DealPlan => deal !== null && deal.createdAt <= asOf)
    .sort((a, b) => a.createdAt - b.createdAt || a.contact.id - b.contact.id);
  const closeDates = root.child();
  deals.forEach((deal, index) => {
    deal.id = index + 1;
    pushCloseDates(closeDates, deal, asOf);
  });

  const companies = planned.map((p) => p.company);
  const customers = companies
    .map((company) => planCustomer(company, users, asOf))
    .filter((customer): customer is CustomerPlan => customer !== null);
  return { asOf, start, users, companies, contacts, deals, customers };
}
