import type { Random } from '../core/random';
import { DAY } from '../core/time';
import { lineWeight, productByCode } from '../catalog/products';
import type { DealPlan, SubscriptionPlan } from './plan-types';

const YEAR = 365 * DAY;

/** One product a won deal put under subscription: its share of the deal's annual value, billed monthly. */
export interface SubscriptionLine {
  companyId: number;
  product: string;
  mrr: number;
  currency: string;
  startedAt: number;
  dealClosedAt: number;
}

export function subscriptionLines(rng: Random, deal: DealPlan, asOf: number): SubscriptionLine[] {
  const codes = deal.products.filter((code) => productByCode(code)?.recurring ?? true);
  const total = codes.reduce((sum, code) => sum + lineWeight(code), 0);
  const goLive = deal.closeAt + Math.floor(rng.between(0, 3) * 86_400) * 1000;
  return codes.map((code) => ({
    companyId: deal.contact.company.id,
    product: code,
    mrr: round2((deal.amount * lineWeight(code)) / total / 12),
    currency: deal.currency,
    startedAt: goLive <= asOf ? goLive : deal.closeAt,
    dealClosedAt: deal.closeAt,
  }));
}

/**
 * Subscription rows: each line renews every year at a small uplift, the old row ending where the new
 * one starts. When the company churns, every row running then ends at that moment and none follows;
 * lines that start after it (a later win-back) are untouched.
 */
export function planSubscriptions(
  rng: Random, lines: readonly SubscriptionLine[], churnAt: number | null, asOf: number,
): SubscriptionPlan[] {
  const rows: SubscriptionPlan[] = [];
  for (const line of lines) {
    // Won just before the company left, never went live.
    if (churnAt !== null && line.dealClosedAt <= churnAt && line.startedAt >= churnAt) continue;
    const stopsAt = churnAt !== null && line.startedAt < churnAt ? churnAt : null;
    const until = stopsAt ?? asOf;
    let startedAt = line.startedAt;
    let mrr = line.mrr;
    while (startedAt + YEAR < until) {
      rows.push({ ...row(line, mrr, startedAt), endedAt: startedAt + YEAR });
      startedAt += YEAR;
      mrr = round2(mrr * (1 + rng.between(0, 0.07)));
    }
    rows.push({ ...row(line, mrr, startedAt), endedAt: stopsAt });
  }
  return rows;
}

function row(line: SubscriptionLine, mrr: number, startedAt: number): SubscriptionPlan {
  return { companyId: line.companyId, product: line.product, mrr, currency: line.currency, startedAt, endedAt: null };
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
