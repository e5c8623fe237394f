import type { DealSnapshot } from '@hub/deal-win';

/** The hub reports money in EUR; other currencies convert with HUB_FX_RATES (units per 1 EUR). */
export const REPORTING_CURRENCY = 'EUR';

export interface CurrencyFilter<T> {
  kept: T[];
  /** Skipped records per currency that has no rate. */
  skipped: Record<string, number>;
}

/** Records whose currency has a rate; the others are counted per currency, never converted 1:1. */
export function withKnownCurrency<T>(items: Iterable<T>, currencyOf: (item: T) => string | null | undefined, rates: Readonly<Record<string, number>>): CurrencyFilter<T> {
  const kept: T[] = [];
  const skipped: Record<string, number> = {};
  for (const item of items) {
    const code = (currencyOf(item) ?? REPORTING_CURRENCY).toUpperCase();
    if (rates[code] !== undefined) kept.push(item);
    else skipped[code] = (skipped[code] ?? 0) + 1;
  }
  return { kept, skipped };
}

export function dealsWithKnownCurrency(snapshots: Iterable<DealSnapshot>, rates: Readonly<Record<string, number>>): CurrencyFilter<DealSnapshot> {
  return withKnownCurrency(snapshots, (s) => s.deal.currency, rates);
}

/** One warning per currency without a rate, naming it and how to add it. */
export function currencyWarnings(skipped: Record<string, number>, what: string): string[] {
  return Object.entries(skipped).map(([code, count]) =>
    `${count} ${what} in ${code} left out: no EUR rate for ${code}; add it to HUB_FX_RATES (units of ${code} per 1 EUR, e.g. ${code}=1.00)`);
}
