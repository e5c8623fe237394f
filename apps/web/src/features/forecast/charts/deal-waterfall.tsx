import { Bar, BarChart, CartesianGrid, Cell, Legend, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { DealFactorView } from '@hub/contracts';
import { TOOLTIP_STYLE } from './chart-style';

const MAX_FACTORS = 8;

export interface WaterfallStep {
  label: string;
  range: [number, number];
  contribution: number;
  kind: 'base' | 'up' | 'down' | 'total';
}

/** Base, then each factor's push, then the deal's log-odds: they add up exactly. */
export function dealWaterfallSteps(baseLogOdds: number, factors: readonly DealFactorView[]): WaterfallStep[] {
  const ranked = [...factors].sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution));
  const rest = ranked.slice(MAX_FACTORS).reduce((sum, f) => sum + f.contribution, 0);
  const pushes = [...ranked.slice(0, MAX_FACTORS).map((f) => [f.phrase, f.contribution] as const), ...(rest !== 0 ? [['Other factors', rest] as const] : [])];
  const steps: WaterfallStep[] = [{ label: 'Base', range: [0, baseLogOdds], contribution: baseLogOdds, kind: 'base' }];
  let level = baseLogOdds;
  for (const [label, contribution] of pushes) {
    steps.push({ label, range: [level, level + contribution], contribution, kind: contribution >= 0 ? 'up' : 'down' });
    level += contribution;
  }
  steps.push({ label: 'Win log-odds', range: [0, level], contribution: level, kind: 'total' });
  return steps;
}

const COLOURS: Record<WaterfallStep['kind'], string> = { base: 'var(--muted)', up: 'var(--positive)', down: 'var(--negative)', total: 'var(--accent)' };
const LEGEND = { up: 'Raises the chance', down: 'Lowers the chance', total: 'Win log-odds' } as const;

export default function DealWaterfall({ baseLogOdds, factors }: { baseLogOdds: number; factors: readonly DealFactorView[] }) {
  const steps = dealWaterfallSteps(baseLogOdds, factors);
  return (
    <figure className="chart" aria-label="How each factor moves the deal's chance to win, in log-odds">
      <ResponsiveContainer width="100%" height={Math.max(220, steps.length * 34)}>
        <BarChart data={steps} layout="vertical" margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--grid)" />
          <XAxis type="number" stroke="var(--muted)" fontSize={12} tickFormatter={(v: number) => v.toFixed(1)} />
          <YAxis type="category" dataKey="label" width={200} stroke="var(--muted)" fontSize={12} />
          <ReferenceLine x={0} stroke="var(--muted)" />
          <Tooltip contentStyle={TOOLTIP_STYLE} formatter={(_value, _name, item) => {
            const step = (item as { payload: WaterfallStep }).payload;
            return [`${step.contribution >= 0 ? '+' : ''}${step.contribution.toFixed(3)} log-odds`, step.kind === 'total' ? 'Total' : 'Effect'];
          }} />
          <Legend content={() => (
            <ul className="row plain legend">
              {(['up', 'down', 'total'] as const).map((kind) => <li key={kind}><span className="swatch" style={{ background: COLOURS[kind] }} /> {LEGEND[kind]}</li>)}
            </ul>
          )} />
          <Bar dataKey="range" name="Effect" isAnimationActive={false}>
            {steps.map((step, index) => <Cell key={index} fill={COLOURS[step.kind]} />)}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
      <figcaption className="sr-only">{steps.map((s) => `${s.label}: ${s.contribution >= 0 ? '+' : ''}${s.contribution.toFixed(2)}`).join('; ')}</figcaption>
    </figure>
  );
}
