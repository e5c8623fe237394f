import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ScoreBinView } from '@hub/contracts';

/** How many open leads score in each tenth of the scale. */
export function ScoreHistogram({ bins, height = 220 }: { bins: ScoreBinView[]; height?: number }) {
  const data = bins.map((bin) => ({ range: `${bin.lower}–${bin.upper}`, leads: bin.count }));
  return (
    <figure className="chart" aria-label="Lead score distribution">
      <ResponsiveContainer width="100%" height={height}>
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--grid)" />
          <XAxis dataKey="range" stroke="var(--muted)" fontSize={12} />
          <YAxis allowDecimals={false} stroke="var(--muted)" fontSize={12} />
          <Tooltip contentStyle={{ background: 'var(--surface)', border: '1px solid var(--border)' }} />
          <Legend />
          <Bar dataKey="leads" name="Open leads" fill="var(--accent)" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
      <figcaption className="sr-only">
        {data.map((d) => `${d.range}: ${d.leads}`).join('; ')}
      </figcaption>
    </figure>
  );
}
