import { sampleQuantile } from '../slippage/empirical-distribution';
import { ForecastInputError } from '../forecast-error';
import type { PeriodForecast, RevenueForecast } from './forecast-types';

/**
 * Quantiles of a period's simulated totals kept with a stored forecast (`keepDistribution`): 1,001 of
 * them (every 0.1%), so a later quota question is answered from the stored run, to within 0.1
 * percentage point of re-simulating, without keeping the inputs (at 100,000 deals and their history,
 * hundreds of megabytes) or the 10,000 totals themselves.
 */
export const DISTRIBUTION_POINTS = 1001;

/** The grid of a sorted sample: its quantiles at 0, 1/(n−1), …, 1. */
export function quantileGrid(sorted: ArrayLike<number>, points = DISTRIBUTION_POINTS): number[] {
  return Array.from({ length: points }, (_, i) => sampleQuantile(sorted, i / (points - 1)));
}

/** P(total ≥ x) from a quantile grid: the mass at or above x, interpolated between grid points. */
export function probabilityAtLeast(grid: readonly number[], x: number): number {
  const n = grid.length - 1;
  if (x <= grid[0]!) return 1;
  if (x > grid[n]!) return 0;
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (grid[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  // grid[lo] is the first point ≥ x (lo ≥ 1): the CDF runs linearly between neighbouring points.
  const below = lo - 1 + (x - grid[lo - 1]!) / (grid[lo]! - grid[lo - 1]!);
  return 1 - below / n;
}

/**
 * The stored forecast with quota odds for the periods named (keys of its months and quarters), from
 * each period's `distribution`. A quota that is negative, not a number, or names a period outside the
 * horizon is an `invalid-quota` error naming it; a forecast stored without distributions is `invalid-input`.
 */
export function withQuotas(forecast: RevenueForecast, quotas: Readonly<Record<string, number>>): RevenueForecast {
  const periods = [...forecast.months, ...forecast.quarters];
  const keys = new Set(periods.map((p) => p.key));
  for (const [period, quota] of Object.entries(quotas)) {
    if (typeof quota !== 'number' || !Number.isFinite(quota) || quota < 0) {
      throw new ForecastInputError('invalid-quota', `Quota for ${period} must be a finite number ≥ 0 (got ${String(quota)})`);
    }
    if (!keys.has(period)) {
      throw new ForecastInputError('invalid-quota', `Quota period ${period} is not in the forecast horizon (${forecast.months[0]?.key} … ${forecast.months.at(-1)?.key}, ${forecast.quarters.map((q) => q.key).join(', ')})`);
    }
  }
  const apply = (p: PeriodForecast): PeriodForecast => {
    const amount = quotas[p.key];
    if (amount === undefined) return p;
    if (!p.distribution) throw new ForecastInputError('invalid-input', `The stored forecast keeps no distribution for ${p.key}: recompute it to ask about quotas`);
    return { ...p, quota: { amount, probabilityToReach: probabilityAtLeast(p.distribution, amount) } };
  };
  return { ...forecast, months: forecast.months.map(apply), quarters: forecast.quarters.map(apply) };
}
