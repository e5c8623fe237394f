import { Bar, BarChart, CartesianGrid, Cell, Legend, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { LeadFactor } from '@hub/contracts';

const MAX_FACTORS = 8;

interface Step {
  label: string;
  range: [number, number];
  contribution: number;
  kind: 'base' | 'up' | 'down' | 'total';
}

/** Base, then each factor's push, then the score: in log-odds, which add up exactly. */
export function waterfallSteps(baseLogit: number, factors: readonly LeadFactor[]): Step[] {
  const shown = factors.slice(0, MAX_FACTORS);
  const rest = factors.slice(MAX_FACTORS).reduce((sum, f) => sum + f.contribution, 0);
  const steps: Step[] = [{ label: 'Base', range: [0, baseLogit], contribution: baseLogit, kind: 'base' }];
  let level = baseLogit;
  for (const [label, contribution] of [...shown.map((f) => [f.label, f.contribution] as const), ...(rest !== 0 ? [['Other factors', rest] as const] : [])]) {
    steps.push({ label, range: [level, level + contribution], contribution, kind: contribution >= 0 ? 'up' : 'down' });
    level += contribution;
  }
  steps.push({ label: 'Score', range: [0, level], contribution: level, kind: 'total' });
  return steps;
}

const COLOURS: Record<Step['kind'], string> = { base: 'var(--muted)', up: 'var(--positive)', down: 'var(--negative)', total: 'var(--accent)' };

const LEGEND = { up: 'Raises the score', down: 'Lowers the score', total: 'Score (log-odds)' } as const;

export function FactorWaterfall({ baseLogit, factors }: { baseLogit: number; factors: readonly LeadFactor[] }) {
  const steps = waterfallSteps(baseLogit, factors);
  return (
    <figure className="chart" aria-label="How each factor moves the score, in log-odds">
      <ResponsiveContainer width="100%" height={Math.max(220, steps.length * 34)}>
        <BarChart data={steps} layout="vertical" margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--grid)" />
          <XAxis type="number" stroke="var(--muted)" fontSize={12} tickFormatter={(v: number) => v.toFixed(1)} />
          <YAxis type="category" dataKey="label" width={170} stroke="var(--muted)" fontSize={12} />
          <ReferenceLine x={0} stroke="var(--muted)" />
          <Tooltip
            contentStyle={{ background: 'var(--surface)', border: '1px solid var(--border)' }}
            formatter={(_value, _name, item) => {
              const step = (item as { payload: Step }).payload;
              return [`${step.contribution >= 0 ? '+' : ''}${step.contribution.toFixed(3)} log-odds`, step.kind === 'total' ? 'Score' : 'Effect'];
            }}
          />
          <Legend content={() => (
            <ul className="row plain legend">
              {(['up', 'down', 'total'] as const).map((kind) => (
                <li key={kind}><span className="swatch" style={{ background: COLOURS[kind] }} /> {LEGEND[kind]}</li>
              ))}
            </ul>
          )} />
          <Bar dataKey="range" name="Effect" isAnimationActive={false}>
            {steps.map((step, index) => <Cell key={index} fill={COLOURS[step.kind]} />)}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
      <figcaption className="sr-only">
        {steps.map((s) => `${s.label}: ${s.contribution >= 0 ? '+' : ''}${s.contribution.toFixed(2)}`).join('; ')}
      </figcaption>
    </figure>
  );
}
