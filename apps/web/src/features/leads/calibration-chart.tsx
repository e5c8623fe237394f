import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { CalibrationBinView } from '@hub/contracts';
import { formatPercent } from '../../lib/format';

/** Predicted against observed conversion on held-out leads; a calibrated model follows the diagonal. */
export function CalibrationChart({ bins }: { bins: CalibrationBinView[] }) {
  const data = bins.map((bin) => ({ predicted: bin.meanPredicted, observed: bin.observedRate, ideal: bin.meanPredicted, count: bin.count }));
  return (
    <figure className="chart" aria-label="Calibration on held-out leads">
      <ResponsiveContainer width="100%" height={240}>
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--grid)" />
          <XAxis type="number" dataKey="predicted" domain={[0, 1]} tickFormatter={(v: number) => formatPercent(v)} stroke="var(--muted)" fontSize={12}
            label={{ value: 'Predicted', position: 'insideBottomRight', offset: -4, fill: 'var(--muted)', fontSize: 12 }} />
          <YAxis type="number" domain={[0, 1]} tickFormatter={(v: number) => formatPercent(v)} stroke="var(--muted)" fontSize={12} />
          <Tooltip contentStyle={{ background: 'var(--surface)', border: '1px solid var(--border)' }}
            formatter={(value, name) => [formatPercent(Number(value)), name]} labelFormatter={(v) => `Predicted ${formatPercent(Number(v))}`} />
          <Legend />
          <Line dataKey="ideal" name="Perfect calibration" stroke="var(--muted)" strokeDasharray="4 4" dot={false} isAnimationActive={false} />
          <Line dataKey="observed" name="Observed rate" stroke="var(--accent)" isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
      <figcaption className="sr-only">
        {data.map((d) => `predicted ${formatPercent(d.predicted)}, observed ${formatPercent(d.observed)} over ${d.count} leads`).join('; ')}
      </figcaption>
    </figure>
  );
}
