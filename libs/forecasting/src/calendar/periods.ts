/**
 * Calendar periods of a forecast horizon, in UTC: twelve months from the start of the quarter that
 * holds the forecast moment, grouped into four calendar quarters. Keys read `2026-03` and `2026-Q1`.
 */
export interface ForecastPeriod {
  key: string;
  kind: 'month' | 'quarter';
  start: number;
  /** Exclusive. */
  end: number;
}

export interface ForecastHorizon {
  months: ForecastPeriod[];
  quarters: ForecastPeriod[];
  /** Month boundaries: months[i] spans [boundaries[i], boundaries[i + 1]). */
  boundaries: Float64Array;
}

const monthStart = (year: number, month: number): number => Date.UTC(year, month, 1);

export function quarterStartOf(time: number): number {
  const date = new Date(time);
  return monthStart(date.getUTCFullYear(), Math.floor(date.getUTCMonth() / 3) * 3);
}

export function monthKey(time: number): string {
  const date = new Date(time);
  return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
}

export function quarterKey(time: number): string {
  const date = new Date(time);
  return `${date.getUTCFullYear()}-Q${Math.floor(date.getUTCMonth() / 3) + 1}`;
}

export function buildHorizon(now: number, quarterCount = 4): ForecastHorizon {
  const first = new Date(quarterStartOf(now));
  const boundaries = new Float64Array(quarterCount * 3 + 1);
  for (let i = 0; i < boundaries.length; i++) boundaries[i] = monthStart(first.getUTCFullYear(), first.getUTCMonth() + i);
  const months = Array.from({ length: quarterCount * 3 }, (_, i) => ({
    key: monthKey(boundaries[i]!),
    kind: 'month' as const,
    start: boundaries[i]!,
    end: boundaries[i + 1]!,
  }));
  const quarters = Array.from({ length: quarterCount }, (_, q) => ({
    key: quarterKey(boundaries[q * 3]!),
    kind: 'quarter' as const,
    start: boundaries[q * 3]!,
    end: boundaries[q * 3 + 3]!,
  }));
  return { months, quarters, boundaries };
}

/** Start times of the `count` quarters before the one holding `now`, oldest first: backtest cut-offs. */
export function previousQuarterStarts(now: number, count: number): number[] {
  const current = new Date(quarterStartOf(now));
  return Array.from({ length: count }, (_, i) => monthStart(current.getUTCFullYear(), current.getUTCMonth() - 3 * (count - i)));
}
