/** Money with its currency, in the reader's locale. */
export function formatMoney(amount: number, currency: string): string {
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency, maximumFractionDigits: 0 }).format(amount);
  } catch {
    return `${amount.toLocaleString()} ${currency}`;
  }
}

/** A date in the reader's time zone. */
export function formatDate(iso: string): string {
  return new Date(iso).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
}

/** A calendar date (`YYYY-MM-DD`) as written, without shifting it through a time zone. */
export function formatCalendarDate(day: string): string {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(year!, month! - 1, date!).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
}

export const words = (code: string) => code.replace(/_/g, ' ');
