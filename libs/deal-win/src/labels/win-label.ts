import { timeMs } from '@hub/lead-scoring';
import { DAY_MS, OUTCOME_HORIZON_DAYS, SAMPLE_AGES_DAYS } from '../deal-win-settings';
import { closedAtOf, type DealSnapshot } from '../snapshot/deal-snapshot';

export type DealLabel =
  | { readonly kind: 'labelled'; readonly won: boolean; readonly closedAt: number }
  /** Still open at the data's end (or closed after it): no outcome, not an example. */
  | { readonly kind: 'open' }
  /** Created within the outcome horizon before the data's end: left out, closed or not. */
  | { readonly kind: 'too-recent' };

/**
 * Won or lost, for a deal old enough that its outcome is not biased by when the data ends: deals
 * created less than `horizonDays` before `dataEnd` are left out whether or not they have closed (among
 * them only the fast closers have an outcome, and fast closers are more often lost).
 */
export function labelDeal(snapshot: DealSnapshot, dataEnd: number, horizonDays = OUTCOME_HORIZON_DAYS): DealLabel {
  if (timeMs(snapshot.deal.created_at) + horizonDays * DAY_MS > dataEnd) return { kind: 'too-recent' };
  const closed = closedAtOf(snapshot);
  if (!closed || closed.at > dataEnd) return { kind: 'open' };
  return { kind: 'labelled', won: closed.won, closedAt: closed.at };
}

/**
 * The moments a closed deal is sampled at: `created_at` + each age in `ages` that came while the deal
 * was still open. A deal closed before its first age is sampled once, halfway through its open life,
 * so that fast deals are not missing from training altogether.
 */
export function sampleMoments(snapshot: DealSnapshot, closedAt: number, ages: readonly number[] = SAMPLE_AGES_DAYS): number[] {
  const created = timeMs(snapshot.deal.created_at);
  const moments = ages.map((days) => created + days * DAY_MS).filter((t) => t < closedAt);
  if (moments.length === 0 && closedAt - created >= 2 * 3_600_000) moments.push(created + Math.round((closedAt - created) / 2));
  return moments;
}
