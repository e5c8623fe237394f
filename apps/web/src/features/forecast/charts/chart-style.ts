import { formatMoney } from '../../../lib/format';

export const TOOLTIP_STYLE = { background: 'var(--surface)', border: '1px solid var(--border)', color: 'var(--text)' };

/** Compact axis ticks (`€1.2M`) in the forecast's own currency. */
export function compactMoney(currency: string): (value: number) => string {
  const format = new Intl.NumberFormat(undefined, { style: 'currency', currency, notation: 'compact', maximumFractionDigits: 1 });
  return (value) => format.format(value);
}

/** A tooltip value: a range `[low, high]` reads "low – high". */
export function moneyOrRange(value: unknown, currency: string): string {
  if (Array.isArray(value)) return `${formatMoney(Number(value[0]), currency)} – ${formatMoney(Number(value[1]), currency)}`;
  return formatMoney(Number(value), currency);
}
