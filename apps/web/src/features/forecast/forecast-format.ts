import { formatCount, formatMoney, formatMonth, formatPercent } from '../../lib/format';

/** `2026-Q1` → "Q1 2026"; a month key reads as its month name. */
export function periodLabel(key: string, start?: string): string {
  const quarter = /^(\d{4})-(Q[1-4])$/.exec(key);
  if (quarter) return `${quarter[2]} ${quarter[1]}`;
  return start ? formatMonth(start) : key;
}

/** Deal stages as people say them: `closed_won` → "Closed won". */
export function stageLabel(stage: string): string {
  const words = stage.replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

type Unit = 'count' | 'money' | 'share' | 'days' | 'index';

/** The pipeline-health headline metrics shown as KPIs, in order, with what unit each is in. */
export const HEADLINE_METRICS: { metric: string; label: string; unit: Unit; /** Whether a rise is good news. */ higherIsBetter: boolean }[] = [
  { metric: 'openDeals', label: 'Open deals', unit: 'count', higherIsBetter: true },
  { metric: 'pipelineValue', label: 'Pipeline value', unit: 'money', higherIsBetter: true },
  { metric: 'weightedPipelineValue', label: 'Weighted pipeline', unit: 'money', higherIsBetter: true },
  { metric: 'winRate', label: 'Win rate', unit: 'share', higherIsBetter: true },
  { metric: 'averageCycleDays', label: 'Average sales cycle', unit: 'days', higherIsBetter: false },
  { metric: 'stalledDeals', label: 'Stalled deals', unit: 'count', higherIsBetter: false },
  { metric: 'agedDeals', label: 'Deals aging in their stage', unit: 'count', higherIsBetter: false },
  { metric: 'top5Share', label: 'Top 5 deals\u2019 share of pipeline', unit: 'share', higherIsBetter: false },
];

const days = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });

export function formatMetric(value: number | null, unit: Unit, currency: string): string {
  if (value === null) return '—';
  switch (unit) {
    case 'money': return formatMoney(value, currency);
    case 'share': return formatPercent(value);
    case 'days': return `${days.format(value)} days`;
    case 'index': return value.toFixed(3);
    default: return formatCount(value);
  }
}

/** A change against 90 days earlier, signed, in the metric's unit (shares in percentage points). */
export function formatChange(change: number, unit: Unit, currency: string): string {
  const sign = change > 0 ? '+' : change < 0 ? '−' : '±';
  const size = Math.abs(change);
  if (unit === 'share') return `${sign}${(size * 100).toFixed(1)} pts`;
  return `${sign}${formatMetric(size, unit, currency)}`;
}

/** "4 of 5 past quarters": how many actuals fell inside the forecast range. */
export function coverageSentence(inside: number, total: number): string {
  return `Actuals fell inside the P10–P90 range in ${inside} of ${total} past ${total === 1 ? 'quarter' : 'quarters'}`;
}
