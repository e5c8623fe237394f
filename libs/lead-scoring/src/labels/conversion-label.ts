import { DAY_MS, HORIZON_DAYS } from '../lead-scoring-settings';
import { timeMs, type LeadSnapshot } from '../snapshot/lead-snapshot';

/**
 * When the contact converted: its first `lifecycle_changed` to `customer`, or the first win of one of
 * its deals (a `stage_changed` to `closed_won`, or `closed_at` of a deal now won); null if never.
 */
export function conversionTime(snapshot: LeadSnapshot): number | null {
  let first = Infinity;
  const consider = (t: number) => {
    if (t < first) first = t;
  };
  for (const activity of snapshot.activities) {
    const to = activity.metadata?.['to'];
    if (activity.type === 'lifecycle_changed' && to === 'customer' && activity.contact_id === snapshot.contact.id) consider(timeMs(activity.occurred_at));
    else if (activity.type === 'stage_changed' && to === 'closed_won') consider(timeMs(activity.occurred_at));
  }
  for (const deal of snapshot.deals) if (deal.stage === 'closed_won') consider(timeMs(deal.closed_at));
  return Number.isFinite(first) ? first : null;
}

export type LeadLabel =
  | { readonly kind: 'labelled'; readonly converted: boolean; readonly convertedAt: number | null }
  /** Converted at or before the cut-off: a customer already, not a lead to judge. */
  | { readonly kind: 'already-converted' }
  /** The horizon runs past the data's end: too young to tell. */
  | { readonly kind: 'horizon-open' };

/**
 * Converted within `horizonDays` after the cut-off? A lead whose horizon has not ended by `dataEnd` is
 * left out whether or not it converted yet: keeping only its early conversions would make the newest
 * leads (the time split's calibration and test rows) look likelier to convert than they are, while
 * counting the rest as failures would make them look less likely.
 */
export function labelLead(snapshot: LeadSnapshot, cutoff: number, dataEnd: number, horizonDays = HORIZON_DAYS): LeadLabel {
  const converted = conversionTime(snapshot);
  if (converted !== null && converted <= cutoff) return { kind: 'already-converted' };
  const horizonEnd = cutoff + horizonDays * DAY_MS;
  if (horizonEnd > dataEnd) return { kind: 'horizon-open' };
  const within = converted !== null && converted <= horizonEnd;
  return { kind: 'labelled', converted: within, convertedAt: within ? converted : null };
}
