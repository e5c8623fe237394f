import type { SubscriptionState } from '../deal-state';

const MONTH_MS = 30.44 * 86_400_000;

export interface ChurnHazard {
  /** Monthly probability that a paying customer stops paying entirely. */
  monthlyHazard: number;
  churnEvents: number;
  exposureCustomerMonths: number;
}

/** Each company's paying spells: its subscriptions' intervals merged. */
export function payingSpells(subscriptions: readonly SubscriptionState[]): Map<string | number, [number, number][]> {
  const byCompany = new Map<string | number, [number, number][]>();
  for (const s of subscriptions) {
    const list = byCompany.get(s.companyId) ?? [];
    list.push([s.startedAt, s.endedAt ?? Number.POSITIVE_INFINITY]);
    byCompany.set(s.companyId, list);
  }
  for (const [company, intervals] of byCompany) {
    intervals.sort((a, b) => a[0] - b[0]);
    const merged: [number, number][] = [];
    for (const [start, end] of intervals) {
      const last = merged[merged.length - 1];
      if (last && start <= last[1]) last[1] = Math.max(last[1], end);
      else merged.push([start, end]);
    }
    byCompany.set(company, merged);
  }
  return byCompany;
}

/**
 * Customer-level churn hazard over the look-back window before `now`: the number of paying spells
 * that ended in the window over the customer-months paid in it. A customer dropping one product
 * while keeping another is not churn here; it shows in the subscriptions themselves.
 */
export function learnChurnHazard(subscriptions: readonly SubscriptionState[], now: number, lookbackMonths = 12): ChurnHazard {
  const windowStart = now - lookbackMonths * MONTH_MS;
  let churnEvents = 0;
  let exposure = 0;
  for (const spells of payingSpells(subscriptions.filter((s) => s.startedAt <= now)).values()) {
    for (const [start, end] of spells) {
      const from = Math.max(start, windowStart);
      const to = Math.min(end, now);
      if (to > from) exposure += (to - from) / MONTH_MS;
      if (end > windowStart && end <= now) churnEvents++;
    }
  }
  return { monthlyHazard: exposure > 0 ? churnEvents / exposure : Number.NaN, churnEvents, exposureCustomerMonths: exposure };
}
