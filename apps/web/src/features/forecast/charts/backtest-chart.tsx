import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { BacktestRowView } from '@hub/contracts';
import { formatMoney } from '../../../lib/format';
import { periodLabel } from '../forecast-format';
import { compactMoney, moneyOrRange, TOOLTIP_STYLE } from './chart-style';

/** Each past quarter: the range the hub would have forecast at its start, and what then closed. */
export default function BacktestChart({ rows, currency }: { rows: BacktestRowView[]; currency: string }) {
  const data = rows.map((r) => ({ label: periodLabel(r.period), range: [r.p10, r.p90], expected: r.expected, actual: r.actual }));
  return (
    <figure className="chart" aria-label="Past forecasts against what actually closed">
      <ResponsiveContainer width="100%" height={260}>
        <ComposedChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--grid)" />
          <XAxis dataKey="label" stroke="var(--muted)" fontSize={12} />
          <YAxis stroke="var(--muted)" fontSize={12} tickFormatter={compactMoney(currency)} width={72} />
          <Tooltip contentStyle={TOOLTIP_STYLE} formatter={(value, name) => [moneyOrRange(value, currency), name]} />
          <Legend />
          <Bar dataKey="range" name="Forecast P10–P90" fill="var(--accent)" fillOpacity={0.3} barSize={22} isAnimationActive={false} />
          <Line dataKey="expected" name="Forecast expected" stroke="var(--muted)" strokeDasharray="4 4" dot={{ r: 3 }} isAnimationActive={false} />
          <Line dataKey="actual" name="Actual" stroke="none" dot={{ r: 5, fill: 'var(--text)' }} activeDot={{ r: 6 }} isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
      <figcaption className="sr-only">
        {data.map((d) => `${d.label}: forecast ${formatMoney(d.range[0]!, currency)} to ${formatMoney(d.range[1]!, currency)}, actual ${formatMoney(d.actual, currency)}`).join('; ')}
      </figcaption>
    </figure>
  );
}
