import type { DemoBundle } from './demo-bundle';
import { time } from './demo-bundle';

/**
 * Recomputes the planted logits from the bundle and the truth's own signal description, the way a
 * point-in-time model would see the data: if these match the truth, the truth is a function of what
 * was observable at scored_at and the description is complete.
 */

type Row = Record<string, unknown>;
type Term = Record<string, unknown> & { kind: string; source: string };
const DAY = 86_400_000;

function field(rows: { contact: Row; company: Row; deal?: Row }, source: string): unknown {
  const [entity, ...path] = source.split('.');
  let value: unknown = rows[entity as 'contact' | 'company' | 'deal'];
  for (const key of path) value = (value as Row | undefined)?.[key];
  return value;
}

export function leadLogitFromBundle(bundle: DemoBundle, contactId: number, scoredAt: number): number {
  const signal = bundle.truth.signal['leads'] as { intercept: number; terms: Term[] };
  const contact = bundle.byId('contact', contactId) as Row;
  const company = bundle.byId('company', contact['company_id'] as number) as Row;
  const before = bundle.activitiesOfContact(contactId).filter((a) => time(a['occurred_at']) < scoredAt);
  let z = signal.intercept;
  for (const term of signal.terms) {
    const value = field({ contact, company }, term.source);
    if (term.kind === 'categorical') z += (term['levels'] as Record<string, number>)[String(value)] ?? 0;
    else if (term.kind === 'boolean') z += value === true ? (term['coefficient'] as number) : 0;
    else if (term.kind === 'numeric') z += (term['coefficient'] as number) * ((value as number) - (term['center'] as number));
    else if (term.kind === 'segment') {
      const bounds = term['bounds'] as Record<string, number>;
      const employees = value as number;
      const segment = employees < (bounds['SMB'] as number) ? 'SMB' : employees < (bounds['Mid-Market'] as number) ? 'Mid-Market' : 'Enterprise';
      z += (term['levels'] as Record<string, number>)[segment] as number;
    } else if (term.kind === 'activity_count') {
      const count = before.filter((a) => a['type'] === term['activity_type']).length;
      const transform = term['transform'];
      const x = transform === 'log1p' ? Math.log1p(count) : transform === 'cap' ? Math.min(count, term['cap'] as number) : count > 0 ? 1 : 0;
      z += (term['coefficient'] as number) * x;
    } else throw new Error(`unknown lead term kind ${term.kind}`);
  }
  return z;
}

/** logit(p_win) without the latent owner-skill term (returned separately as the owner id). */
export function dealLogitWithoutOwner(bundle: DemoBundle, dealId: number, scoredAt: number, leadLogit: number): number {
  const signal = bundle.truth.signal['deals'] as { q: number; terms: Term[] };
  const deal = bundle.byId('deal', dealId) as Row;
  const company = bundle.byId('company', deal['company_id'] as number) as Row;
  const activities = bundle.activitiesOfDeal(dealId).filter((a) => time(a['occurred_at']) < scoredAt);
  const stages = activities.filter((a) => a['type'] === 'stage_changed');
  const observed: Record<string, string> = {
    stage_at_scoring: (stages[stages.length - 1]?.['metadata'] as Row)['to'] as string,
    add_ons: bucket((deal['products'] as string[]).length - 1),
    competitor: (deal['custom'] as Row)['competitor'] as string,
  };
  let z = leadLogit - Math.log(signal.q);
  for (const term of signal.terms) {
    if (term.kind === 'bernoulli') {
      const p = term['p_true'] as { won: number; lost: number };
      z += deal['budget_confirmed'] === true ? Math.log(p.won / p.lost) : Math.log((1 - p.won) / (1 - p.lost));
    } else if (term.kind === 'log_ratio_normal') {
      const rate = (term['divide_by'] as Record<string, number>)[deal['currency'] as string] as number;
      const norm = (term['norm_coefficient'] as number) * Math.pow(company['employees'] as number, term['norm_exponent'] as number);
      const x = Math.log((deal['amount'] as number) / rate / norm);
      const mean = term['mean'] as { won: number; lost: number };
      const sd = term['sd'] as number;
      z += ((x - mean.lost) ** 2 - (x - mean.won) ** 2) / (2 * sd * sd);
    } else if (term.kind === 'categorical') {
      const p = term['probabilities'] as { won: Record<string, number>; lost: Record<string, number> };
      const level = observed[term['key'] as string] as string;
      z += Math.log((p.won[level] as number) / (p.lost[level] as number));
    } else if (term.kind === 'poisson_count') {
      const types = term['activity_types'] as string[];
      const count = activities.filter((a) => types.includes(a['type'] as string)).length;
      const mean = term['mean'] as { won: number; lost: number };
      z += count * Math.log(mean.won / mean.lost) - (mean.won - mean.lost);
    } else if (term.kind !== 'owner_skill') throw new Error(`unknown deal term kind ${term.kind}`);
  }
  return z;
}

function bucket(count: number): string {
  return count <= 0 ? '0' : count === 1 ? '1' : '2+';
}

export function churnLogitFromBundle(bundle: DemoBundle, companyId: number, scoredAt: number): number {
  const signal = bundle.truth.signal['churn'] as { intercept: number; terms: Term[] };
  const company = bundle.byId('company', companyId) as Row;
  const { subscriptions, tickets, contacts } = bundle.companyOf(companyId);
  let z = signal.intercept;
  for (const term of signal.terms) {
    const coefficient = (term['coefficient'] as number | undefined) ?? 0;
    if (term.kind === 'ticket_count') {
      const from = scoredAt - (term['window_days'] as number) * DAY;
      const priorities = term['priorities'] as string[] | undefined;
      const count = tickets.filter((t) => time(t['created_at']) >= from && time(t['created_at']) < scoredAt
        && (!priorities || priorities.includes(t['priority'] as string))).length;
      z += coefficient * Math.min(count, term['cap'] as number);
    } else if (term.kind === 'numeric') {
      z += coefficient * ((field({ contact: {}, company }, term.source) as number) - (term['center'] as number));
    } else if (term.kind === 'success_touches') {
      const from = scoredAt - (term['window_days'] as number) * DAY;
      const team = new Set(bundle.ofType('user').filter((u) => u['team'] === term['team']).map((u) => u['id']));
      const types = term['activity_types'] as string[];
      const count = contacts.flatMap((c) => bundle.activitiesOfContact(c['id'] as number)).filter((a) =>
        types.includes(a['type'] as string) && team.has(a['user_id']) && time(a['occurred_at']) >= from && time(a['occurred_at']) < scoredAt).length;
      z += coefficient * Math.min(count, term['cap'] as number);
    } else if (term.kind === 'active_products') {
      const running = subscriptions.filter((s) => time(s['started_at']) <= scoredAt && (s['ended_at'] == null || time(s['ended_at']) > scoredAt));
      z += coefficient * (new Set(running.map((s) => s['product'])).size - (term['offset'] as number));
    } else if (term.kind === 'tenure_days') {
      const first = Math.min(...subscriptions.map((s) => time(s['started_at'])));
      z += coefficient * ((scoredAt - first) / DAY - (term['center'] as number));
    } else if (term.kind === 'categorical') {
      z += (term['levels'] as Record<string, number>)[String(field({ contact: {}, company }, term.source))] ?? 0;
    } else throw new Error(`unknown churn term kind ${term.kind}`);
  }
  return z;
}

export const logit = (p: number): number => Math.log(p / (1 - p));
