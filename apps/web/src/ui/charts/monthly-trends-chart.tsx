import { Bar, CartesianGrid, ComposedChart, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { OverviewTrendsView } from '@hub/contracts';
import { formatCount, formatMoney, formatPercent, formatShortMonth } from '../../lib/format';

const TOOLTIP_STYLE = { background: 'var(--surface)', border: '1px solid var(--border)', color: 'var(--text)' };
/** One colour per currency line, from the theme (each reads in light and dark). */
const CURRENCY_COLOURS = ['var(--accent)', 'var(--positive)', 'var(--focus)', 'var(--negative)', 'var(--muted)'];

/** New leads and deals won per month as bars, the month's win rate as a line on its own axis. */
export function LeadsAndWinsChart({ trends, height = 240 }: { trends: OverviewTrendsView; height?: number }) {
  const data = trends.months.map((m) => ({ month: formatShortMonth(m.month), newLeads: m.newLeads, won: m.won, winRate: m.winRate }));
  return (
    <figure className="chart" aria-label="New leads, deals won and win rate by month" data-months={data.length}>
      <ResponsiveContainer width="100%" height={height}>
        <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--grid)" />
          <XAxis dataKey="month" stroke="var(--muted)" fontSize={12} />
          <YAxis yAxisId="count" allowDecimals={false} stroke="var(--muted)" fontSize={12} />
          <YAxis yAxisId="rate" orientation="right" domain={[0, 1]} tickFormatter={(v: number) => formatPercent(v)} stroke="var(--muted)" fontSize={12} />
          <Tooltip contentStyle={TOOLTIP_STYLE}
            formatter={(value, name) => (name === 'Win rate' ? formatPercent(value as number | null) : formatCount(Number(value)))} />
          <Legend />
          <Bar yAxisId="count" dataKey="newLeads" name="New leads" fill="var(--accent)" isAnimationActive={false} />
          <Bar yAxisId="count" dataKey="won" name="Deals won" fill="var(--positive)" isAnimationActive={false} />
          <Line yAxisId="rate" dataKey="winRate" name="Win rate" stroke="var(--focus)" strokeWidth={2} connectNulls={false} isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
      <figcaption className="sr-only">
        <ul>
          {trends.months.map((m) => (
            <li key={m.month} data-month={m.month}>
              {formatShortMonth(m.month)}: {formatCount(m.newLeads)} new leads, {formatCount(m.won)} deals won of {formatCount(m.won + m.lost)} closed, win rate {formatPercent(m.winRate)}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}

/** Won amount per month, one line per currency: amounts are never added across currencies. */
export function WonAmountChart({ trends, height = 240 }: { trends: OverviewTrendsView; height?: number }) {
  const data = trends.months.map((m) => ({
    month: formatShortMonth(m.month),
    ...Object.fromEntries(trends.currencies.map((c) => [c, m.wonAmount.find((a) => a.currency === c)?.amount ?? 0])),
  }));
  return (
    <figure className="chart" aria-label="Won amount by month, per currency" data-months={data.length}>
      <ResponsiveContainer width="100%" height={height}>
        <LineChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--grid)" />
          <XAxis dataKey="month" stroke="var(--muted)" fontSize={12} />
          <YAxis stroke="var(--muted)" fontSize={12} tickFormatter={(v: number) => new Intl.NumberFormat(undefined, { notation: 'compact' }).format(v)} />
          <Tooltip contentStyle={TOOLTIP_STYLE} formatter={(value, name) => formatMoney(Number(value), String(name))} />
          <Legend />
          {trends.currencies.map((currency, i) => (
            <Line key={currency} dataKey={currency} name={currency} stroke={CURRENCY_COLOURS[i % CURRENCY_COLOURS.length]} strokeWidth={2} isAnimationActive={false} />
          ))}
        </LineChart>
      </ResponsiveContainer>
      <figcaption className="sr-only">
        <ul>
          {trends.months.map((m) => (
            <li key={m.month}>
              {formatShortMonth(m.month)}: {m.wonAmount.length === 0 ? 'nothing won' : m.wonAmount.map((a) => formatMoney(a.amount, a.currency)).join(', ')}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
