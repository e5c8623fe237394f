import { Bar, BarChart, CartesianGrid, Cell, Legend, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

const MAX_FACTORS = 8;

export interface WaterfallFactor {
  label: string;
  contribution: number;
}

export interface WaterfallStep {
  label: string;
  range: [number, number];
  contribution: number;
  kind: 'base' | 'up' | 'down' | 'total';
}

/**
 * Base, then each factor's push (the largest eight, the rest as "Other factors"), then the total:
 * in log-odds, which add up exactly. Factors are shown in the order given.
 */
export function waterfallSteps(base: number, factors: readonly WaterfallFactor[], totalLabel: string): WaterfallStep[] {
  const rest = factors.slice(MAX_FACTORS).reduce((sum, f) => sum + f.contribution, 0);
  const pushes = [...factors.slice(0, MAX_FACTORS).map((f) => [f.label, f.contribution] as const), ...(rest !== 0 ? [['Other factors', rest] as const] : [])];
  const steps: WaterfallStep[] = [{ label: 'Base', range: [0, base], contribution: base, kind: 'base' }];
  let level = base;
  for (const [label, contribution] of pushes) {
    steps.push({ label, range: [level, level + contribution], contribution, kind: contribution >= 0 ? 'up' : 'down' });
    level += contribution;
  }
  steps.push({ label: totalLabel, range: [0, level], contribution: level, kind: 'total' });
  return steps;
}

const COLOURS: Record<WaterfallStep['kind'], string> = { base: 'var(--muted)', up: 'var(--positive)', down: 'var(--negative)', total: 'var(--accent)' };
const TOOLTIP_STYLE = { background: 'var(--surface)', border: '1px solid var(--border)', color: 'var(--text)' };

export interface LogOddsWaterfallProps {
  base: number;
  factors: readonly WaterfallFactor[];
  /** The last bar's label, e.g. "Score" or "Win log-odds". */
  totalLabel: string;
  legend: { up: string; down: string; total: string };
  ariaLabel: string;
  labelWidth?: number;
}

/** A horizontal waterfall of an explained prediction: the lead score's and the deal-win's. */
export function LogOddsWaterfall({ base, factors, totalLabel, legend, ariaLabel, labelWidth = 180 }: LogOddsWaterfallProps) {
  const steps = waterfallSteps(base, factors, totalLabel);
  return (
    <figure className="chart" aria-label={ariaLabel}>
      <ResponsiveContainer width="100%" height={Math.max(220, steps.length * 34)}>
        <BarChart data={steps} layout="vertical" margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--grid)" />
          <XAxis type="number" stroke="var(--muted)" fontSize={12} tickFormatter={(v: number) => v.toFixed(1)} />
          <YAxis type="category" dataKey="label" width={labelWidth} stroke="var(--muted)" fontSize={12} />
          <ReferenceLine x={0} stroke="var(--muted)" />
          <Tooltip contentStyle={TOOLTIP_STYLE} formatter={(_value, _name, item) => {
            const step = (item as { payload: WaterfallStep }).payload;
            return [`${step.contribution >= 0 ? '+' : ''}${step.contribution.toFixed(3)} log-odds`, step.kind === 'total' ? totalLabel : 'Effect'];
          }} />
          <Legend content={() => (
            <ul className="row plain legend">
              {(['up', 'down', 'total'] as const).map((kind) => <li key={kind}><span className="swatch" style={{ background: COLOURS[kind] }} /> {legend[kind]}</li>)}
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
