import { Area, Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ForecastPeriodView } from '@hub/contracts';
import { formatMoney } from '../../../lib/format';
import { periodLabel } from '../forecast-format';
import { compactMoney, moneyOrRange, TOOLTIP_STYLE } from './chart-style';

/** Revenue per period: the P10–P90 band, the median and the expectation over what is already booked. */
export default function FanChart({ periods, currency }: { periods: ForecastPeriodView[]; currency: string }) {
  const data = periods.map((p) => ({ label: periodLabel(p.key, p.start), band: [p.p10, p.p90], p50: p.p50, expected: p.expected, booked: p.booked }));
  return (
    <figure className="chart" aria-label="Revenue forecast with its P10 to P90 range">
      <ResponsiveContainer width="100%" height={300}>
        <ComposedChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--grid)" />
          <XAxis dataKey="label" stroke="var(--muted)" fontSize={12} />
          <YAxis stroke="var(--muted)" fontSize={12} tickFormatter={compactMoney(currency)} width={72} />
          <Tooltip contentStyle={TOOLTIP_STYLE} formatter={(value, name) => [moneyOrRange(value, currency), name]} />
          <Legend />
          <Area dataKey="band" name="P10–P90" stroke="none" fill="var(--accent)" fillOpacity={0.22} isAnimationActive={false} />
          <Bar dataKey="booked" name="Booked" fill="var(--positive)" fillOpacity={0.6} barSize={14} isAnimationActive={false} />
          <Line dataKey="p50" name="P50 (median)" stroke="var(--accent)" strokeWidth={2} dot={false} isAnimationActive={false} />
          <Line dataKey="expected" name="Expected" stroke="var(--text)" strokeDasharray="5 4" dot={{ r: 2 }} isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
      <figcaption className="sr-only">
        {data.map((d) => `${d.label}: expected ${formatMoney(d.expected, currency)}, P10 ${formatMoney(d.band[0]!, currency)}, P50 ${formatMoney(d.p50, currency)}, P90 ${formatMoney(d.band[1]!, currency)}, booked ${formatMoney(d.booked, currency)}`).join('; ')}
      </figcaption>
    </figure>
  );
}
