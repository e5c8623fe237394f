import { DEFAULT_EUR_RATES } from '../deal-win-settings';

/** Units of each currency per 1 EUR (1 EUR = 1.08 USD); the CRM's own rates can be passed in. */
export type EurRates = Readonly<Record<string, number>>;

/** The amount in EUR; a currency without a (positive, finite) rate is an error naming it. */
export function toEur(amount: number, currency: string | null | undefined, rates: EurRates = DEFAULT_EUR_RATES): number {
  const code = (currency ?? 'EUR').toUpperCase();
  const rate = rates[code];
  if (typeof rate !== 'number' || !(rate > 0) || !Number.isFinite(rate)) {
    throw new RangeError(`no EUR conversion rate for currency "${code}" (known: ${Object.keys(rates).join(', ')}); pass it in rates`);
  }
  return amount / rate;
}
