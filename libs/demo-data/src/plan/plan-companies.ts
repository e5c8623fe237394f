import type { Random } from '../core/random';
import { DAY } from '../core/time';
import {
  COUNTRIES, INDUSTRIES, NAME_STEMS_A, NAME_STEMS_B, SEGMENT_EMPLOYEES, SEGMENTS, segmentOf,
  type Country, type Industry, type Segment,
} from '../catalog/firmographics';
import { asciiSlug, lastName } from '../catalog/people';
import type { Tier } from '../signal/churn-signal';
import type { CompanyPlan, UserPlan } from './plan-types';
import { repsOf } from './plan-users';

/** A company and the moments its contacts enter the CRM (sorted). */
export interface PlannedCompany {
  company: CompanyPlan;
  contactTimes: number[];
}

const EXTRA_CONTACTS_MEAN: Record<Segment, number> = { SMB: 1.2, 'Mid-Market': 3, Enterprise: 6 };
const TIER_WEIGHTS: Record<Segment, Record<Tier, number>> = {
  SMB: { strategic: 0, key: 10, standard: 90 },
  'Mid-Market': { strategic: 5, key: 70, standard: 25 },
  Enterprise: { strategic: 80, key: 20, standard: 0 },
};

/**
 * Companies until their contacts add up to `contactTarget`. Each company enters the CRM with its first
 * contact; more contacts follow over the months after (bigger companies, more people). Arrivals grow
 * over the two years, as a CRM in use does.
 */
export function planCompanies(
  rng: Random, contactTarget: number, users: readonly UserPlan[], start: number, asOf: number,
): PlannedCompany[] {
  const planned: PlannedCompany[] = [];
  const domains = new Set<string>();
  const span = asOf - start;
  let contacts = 0;
  while (contacts < contactTarget) {
    const segment = rng.weighted(Object.fromEntries(SEGMENTS.map((s) => [s, SEGMENT_EMPLOYEES[s].weight])) as Record<Segment, number>);
    const range = SEGMENT_EMPLOYEES[segment];
    const employees = Math.round(Math.exp(rng.between(Math.log(range.min), Math.log(range.max))));
    const industry = INDUSTRIES[rng.weightedIndex(INDUSTRIES.map((i) => i.weight))] as Industry;
    const country = COUNTRIES[rng.weightedIndex(COUNTRIES.map((c) => c.weight))] as Country;
    const growth = rng.chance(0.35) ? Math.sqrt(rng.float()) : rng.float();
    const firstContactAt = start + Math.floor(span * growth * 0.995);
    const count = Math.min(1 + rng.poisson(EXTRA_CONTACTS_MEAN[segmentOf(employees)]), contactTarget - contacts);
    const contactTimes = [firstContactAt];
    for (let i = 1; i < count; i += 1) {
      const later = firstContactAt + rng.exponential(120 * DAY);
      contactTimes.push(Math.floor(later < asOf - DAY ? later : rng.between(firstContactAt, asOf - DAY)));
    }
    contactTimes.sort((a, b) => a - b);
    contacts += count;
    const name = companyName(rng, industry, country);
    const risk = rng.normal();
    planned.push({
      contactTimes,
      company: {
        id: 0,
        name: name.full,
        domain: uniqueDomain(rng, name.brand, industry, country, domains),
        industry,
        employees,
        annualRevenue: Math.round((employees * industry.revenuePerEmployee * rng.logNormal(0, 0.35)) / 1000) * 1000,
        country,
        segment: segmentOf(employees),
        tier: rng.weighted(TIER_WEIGHTS[segmentOf(employees)]),
        healthScore: Math.round(Math.min(100, Math.max(0, 65 - 9 * risk + rng.normal(0, 11)))),
        risk,
        createdAt: Math.max(start, firstContactAt - Math.floor(rng.between(0, 3) * DAY)),
        accountOwnerId: rng.pick(repsOf(users, segmentOf(employees))).id,
        contacts: [],
        seed: rng.seed(),
      },
    });
  }
  planned.sort((a, b) => a.company.createdAt - b.company.createdAt);
  planned.forEach((p, index) => { p.company.id = index + 1; });
  return planned;
}

function companyName(rng: Random, industry: Industry, country: Country): { full: string; brand: string } {
  const style = rng.float();
  let brand: string;
  if (style < 0.4) brand = `${rng.pick(NAME_STEMS_A)}${rng.pick(NAME_STEMS_B)} ${rng.pick(industry.nameWords)}`;
  else if (style < 0.7) brand = `${lastName(rng, country.locale)} ${rng.pick(industry.nameWords)}`;
  else if (style < 0.85) brand = `${lastName(rng, country.locale)} & ${lastName(rng, country.locale)}`;
  else brand = `${rng.pick(NAME_STEMS_A)}${rng.pick(NAME_STEMS_B)}`;
  const withSuffix = rng.chance(0.75);
  return { full: withSuffix ? `${brand} ${rng.pick(country.legalSuffixes)}` : brand, brand };
}

function uniqueDomain(rng: Random, brand: string, industry: Industry, country: Country, taken: Set<string>): string {
  const base = asciiSlug(brand.replace(/&/g, 'and')).slice(0, 40) || 'company';
  const tld = rng.chance(0.3) ? 'com' : country.tld;
  let domain = `${base}.${tld}`;
  if (taken.has(domain)) domain = `${base}${asciiSlug(rng.pick(industry.nameWords))}.${tld}`;
  for (let n = 2; taken.has(domain); n += 1) domain = `${base}${n}.${tld}`;
  taken.add(domain);
  return domain;
}
