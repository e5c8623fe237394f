import { companySegment } from '@hub/lead-scoring';
import { toEur, type EurRates } from '../facts/currency';
import { closedAtOf, type DealSnapshot } from './deal-snapshot';
import { countBefore } from './sorted-history';

/** Fewest closed deals a norm is computed from; below it the norm is unknown. */
export const MIN_NORM_DEALS = 20;

export interface AmountNorms {
  /** Median ln(amount in EUR) of the segment's deals closed strictly before `t`; null below MIN_NORM_DEALS. */
  segmentMedian(segment: string | null, t: number): number | null;
  /**
   * ln(amount) expected for a company of this head count from a least-squares line ln(amount) ~
   * ln(employees) through every deal closed before `t`; null below MIN_NORM_DEALS.
   */
  sizeTrend(employees: number | null | undefined, t: number): number | null;
}

interface Closed {
  at: number;
  lnAmount: number;
  segment: string | null;
  lnEmployees: number | null;
}

/** Medians of every prefix of `values` (in arrival order), by insertion into a sorted copy. */
function prefixMedians(values: readonly number[]): Float64Array {
  const sorted: number[] = [];
  const medians = new Float64Array(values.length + 1).fill(NaN);
  values.forEach((v, i) => {
    sorted.splice(countBefore(sorted, v), 0, v);
    const n = i + 1;
    medians[n] = n % 2 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
  });
  return medians;
}

/**
 * What deals usually cost, point in time: per company-size segment the median amount, and across
 * sizes the log-log trend of amount on head count, each from deals closed before the moment asked.
 */
export function amountNorms(snapshots: Iterable<DealSnapshot>, rates?: EurRates): AmountNorms {
  const closed: Closed[] = [];
  for (const snapshot of snapshots) {
    const done = closedAtOf(snapshot);
    const amount = snapshot.deal.amount;
    if (!done || !(amount > 0)) continue;
    const employees = snapshot.company?.employees;
    closed.push({
      at: done.at,
      lnAmount: Math.log(toEur(amount, snapshot.deal.currency, rates)),
      segment: companySegment(employees),
      lnEmployees: typeof employees === 'number' && employees > 0 ? Math.log(employees) : null,
    });
  }
  closed.sort((a, b) => a.at - b.at);
  const segments = new Map<string | null, { times: number[]; medians: Float64Array }>();
  for (const segment of new Set(closed.map((c) => c.segment))) {
    const own = closed.filter((c) => c.segment === segment);
    segments.set(segment, { times: own.map((c) => c.at), medians: prefixMedians(own.map((c) => c.lnAmount)) });
  }
  // Prefix sums for the least-squares line, over deals with a known head count.
  const sized = closed.filter((c) => c.lnEmployees !== null);
  const times = sized.map((c) => c.at);
  const sums = [[0, 0, 0, 0, 0]];
  for (const c of sized) {
    const [n, sx, sy, sxx, sxy] = sums.at(-1)!;
    const x = c.lnEmployees!;
    sums.push([n! + 1, sx! + x, sy! + c.lnAmount, sxx! + x * x, sxy! + x * c.lnAmount]);
  }
  return {
    segmentMedian(segment, t) {
      const own = segments.get(segment);
      if (!own) return null;
      const n = countBefore(own.times, t);
      return n >= MIN_NORM_DEALS ? own.medians[n]! : null;
    },
    sizeTrend(employees, t) {
      if (typeof employees !== 'number' || !(employees > 0)) return null;
      const [n, sx, sy, sxx, sxy] = sums[countBefore(times, t)]!;
      const variance = n! * sxx! - sx! * sx!;
      if (n! < MIN_NORM_DEALS || !(variance > 1e-9)) return null;
      const slope = (n! * sxy! - sx! * sy!) / variance;
      return (sy! - slope * sx!) / n! + slope * Math.log(employees);
    },
  };
}
