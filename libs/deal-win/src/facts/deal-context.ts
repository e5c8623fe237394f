import { amountNorms, type AmountNorms } from '../snapshot/amount-norms';
import type { DealSnapshot } from '../snapshot/deal-snapshot';
import { ownerWinRates, type OwnerWinRates } from '../snapshot/owner-win-rates';
import type { EurRates } from './currency';

/**
 * What a deal is judged against beyond its own records: currency rates, and the history of every other
 * deal (owners' win rates, usual amounts), each answering only from deals closed before the moment.
 */
export interface DealContext {
  /** Units of each currency per 1 EUR; default {EUR: 1, USD: 1.08, GBP: 0.85}. */
  readonly rates?: EurRates;
  readonly ownerWinRates?: OwnerWinRates;
  readonly amountNorms?: AmountNorms;
}

/** The context from every deal the store knows (closed ones give the history; open ones are skipped). */
export function dealContext(snapshots: Iterable<DealSnapshot>, options: { rates?: EurRates } = {}): DealContext {
  const all = [...snapshots];
  return {
    ...(options.rates ? { rates: options.rates } : {}),
    ownerWinRates: ownerWinRates(all),
    amountNorms: amountNorms(all, options.rates),
  };
}
