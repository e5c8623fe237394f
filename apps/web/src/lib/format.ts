/**
 * Formats shown to people: money with its own currency, times in the browser's zone and locale.
 * Formatters are cached because Intl constructors are slow in long tables.
 */
const moneyFormats = new Map<string, Intl.NumberFormat>();

export function formatMoney(amount: number, currency: string): string {
  let format = moneyFormats.get(currency);
  if (!format) {
    format = new Intl.NumberFormat(undefined, { style: 'currency', currency, maximumFractionDigits: 0 });
    moneyFormats.set(currency, format);
  }
  return format.format(amount);
}

const integer = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
export const formatCount = (value: number): string => integer.format(value);

const decimal = new Intl.NumberFormat(undefined, { maximumFractionDigits: 3, minimumFractionDigits: 3 });
export const formatDecimal = (value: number | null | undefined): string => (value === null || value === undefined ? '—' : decimal.format(value));

const percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 });
export const formatPercent = (ratio: number | null | undefined): string => (ratio === null || ratio === undefined ? '—' : percent.format(ratio));

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const monthName = new Intl.DateTimeFormat(undefined, { month: 'long', year: 'numeric', timeZone: 'UTC' });

export const formatDateTime = (iso: string | null | undefined): string => (iso ? dateTime.format(new Date(iso)) : '—');
export const formatDate = (iso: string | null | undefined): string => (iso ? dateOnly.format(new Date(iso)) : '—');
/** A UTC calendar month (the server counts months in UTC). */
export const formatMonth = (iso: string): string => monthName.format(new Date(iso));
const shortMonthName = new Intl.DateTimeFormat(undefined, { month: 'short', year: '2-digit', timeZone: 'UTC' });
/** A UTC calendar month, short, for chart axes: "Oct 26". */
export const formatShortMonth = (iso: string): string => shortMonthName.format(new Date(iso));
