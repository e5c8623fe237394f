import type { ForecastHorizon, ForecastPeriod } from '../calendar/periods';
import { ForecastInputError } from '../forecast-error';
import { sampleQuantile } from '../slippage/empirical-distribution';
import type { PeriodForecast } from './forecast-types';
import { quantileGrid } from './period-distribution';

/** A quota must name a period of the horizon and be a finite amount ≥ 0. */
export function checkQuotas(quotas: Readonly<Record<string, number>>, horizon: ForecastHorizon): void {
  const keys = new Set([...horizon.months, ...horizon.quarters].map((p) => p.key));
  for (const [period, quota] of Object.entries(quotas)) {
    if (typeof quota !== 'number' || !Number.isFinite(quota) || quota < 0) {
      throw new ForecastInputError('invalid-quota', `Quota for ${period} must be a finite number ≥ 0 (got ${String(quota)})`);
    }
    if (!keys.has(period)) {
      throw new ForecastInputError(
        'invalid-quota',
        `Quota period ${period} is not in the forecast horizon (${horizon.months[0]!.key} … ${horizon.months[horizon.months.length - 1]!.key}, ${horizon.quarters.map((q) => q.key).join(', ')})`,
      );
    }
  }
}

export interface ExpectedParts {
  booked: Float64Array;
  newBusiness: Float64Array;
  recurring: Float64Array;
}

function summarize(
  period: ForecastPeriod, values: Float64Array, parts: ExpectedParts, monthsInPeriod: number[], quota: number | undefined, keepDistribution: boolean,
): PeriodForecast {
  const sum = (series: Float64Array) => monthsInPeriod.reduce((s, m) => s + series[m]!, 0);
  const booked = sum(parts.booked);
  const newBusinessExpected = sum(parts.newBusiness);
  const recurringExpected = sum(parts.recurring);
  let total = 0;
  let reached = 0;
  for (const v of values) {
    total += v;
    if (quota !== undefined && v >= quota) reached++;
  }
  const sorted = values.sort();
  return {
    ...period,
    expected: booked + newBusinessExpected + recurringExpected,
    booked,
    newBusinessExpected,
    recurringExpected,
    simulatedMean: total / values.length,
    p10: sampleQuantile(sorted, 0.1),
    p50: sampleQuantile(sorted, 0.5),
    p90: sampleQuantile(sorted, 0.9),
    ...(quota === undefined ? {} : { quota: { amount: quota, probabilityToReach: reached / values.length } }),
    ...(keepDistribution ? { distribution: quantileGrid(sorted) } : {}),
  };
}

/** Totals per month and quarter: exact expectations, simulated mean and quantiles, quota odds. */
export function summarizePeriods(
  sums: Float64Array, simulations: number, horizon: ForecastHorizon, parts: ExpectedParts, quotas: Readonly<Record<string, number>>, keepDistribution = false,
) {
  const months = horizon.months.length;
  const column = (monthIndexes: number[]) => {
    const values = new Float64Array(simulations);
    for (let s = 0; s < simulations; s++) for (const m of monthIndexes) values[s] += sums[s * months + m]! + parts.booked[m]!;
    return values;
  };
  return {
    months: horizon.months.map((p, m) => summarize(p, column([m]), parts, [m], quotas[p.key], keepDistribution)),
    quarters: horizon.quarters.map((p, q) => {
      const indexes = [3 * q, 3 * q + 1, 3 * q + 2];
      return summarize(p, column(indexes), parts, indexes, quotas[p.key], keepDistribution);
    }),
  };
}
