/**
 * Backtest P10-P90 coverage of the API's forecast on demo data (issue 8, point 7: between 70% and 90%).
 * Builds the same world as RecomputeForecastJob (deal facts at each cut-off, win probabilities from a
 * model) from the generated records, without a store, and backtests the last six quarters per seed.
 *   node -r @swc-node/register apps/api/bench/forecast-backtest-coverage.ts --size medium --seeds 42,7 --models per-cutoff,active
 * `per-cutoff`: at each cut-off a model trained only on deals labelled by then (what the job does);
 * `active`: today's model at every cut-off (it has seen some of the outcomes it is judged on).
 */
import type { DemoSize } from '@hub/demo-data';
import { backtestWorld } from '../src/modules/forecasting/forecast-backtest';
import { demoDealWorld } from '../test/support/demo-deal-world';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const size = arg('size', 'medium') as DemoSize;
const seeds = arg('seeds', '42').split(',').map(Number);
const modes = arg('models', 'per-cutoff,active').split(',') as ('per-cutoff' | 'active')[];
const simulations = Number(arg('simulations', '10000'));

const totals = new Map<string, { inside: number; rows: number; ape: number[]; below: number; above: number; ms: number }>();
for (const seed of seeds) {
  let started = performance.now();
  const { world, now, outcomes, active } = demoDealWorld(size, seed);
  const scorer = modes.includes('active') ? active() : { method: 'rules' as const, rates: {} };
  console.log(`${size} seed ${seed}: ${world.snapshots.length} deals; world${modes.includes('active') ? ' and today\'s model' : ''} built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  for (const mode of modes) {
    started = performance.now();
    const result = backtestWorld(world, now, outcomes, scorer, { simulations, seed: 1, backtestModels: mode });
    const ms = performance.now() - started;
    const total = totals.get(mode) ?? { inside: 0, rows: 0, ape: [], below: 0, above: 0, ms: 0 };
    for (const row of result.backtest?.rows ?? []) {
      total.rows++;
      if (row.withinInterval) total.inside++;
      else if (row.actual < row.p10) total.below++;
      else total.above++;
      if (row.absPercentError !== null) total.ape.push(row.absPercentError);
      console.log(`  ${mode.padEnd(10)} ${row.period}: actual ${Math.round(row.actual).toLocaleString('en').padStart(11)}  P10 ${Math.round(row.p10).toLocaleString('en').padStart(11)}  P50 ${Math.round(row.p50).toLocaleString('en').padStart(11)}  P90 ${Math.round(row.p90).toLocaleString('en').padStart(11)}  ${row.withinInterval ? 'inside' : 'OUTSIDE'}`);
    }
    for (const skipped of result.backtest?.skipped ?? []) console.log(`  ${mode.padEnd(10)} skipped ${new Date(skipped.cutoff).toISOString().slice(0, 10)}: ${skipped.reason}`);
    total.ms += ms;
    totals.set(mode, total);
    console.log(`  ${mode}: coverage ${result.backtest?.coverage?.toFixed(3)}, MAPE ${result.backtest?.mape?.toFixed(3)}, models ${result.backtestModels.map((m) => m.modelVersion).join(', ')}, ${(ms / 1000).toFixed(1)} s`);
  }
}
for (const [mode, t] of totals) {
  const mape = t.ape.reduce((a, b) => a + b, 0) / Math.max(1, t.ape.length);
  console.log(`${mode}: ${t.inside}/${t.rows} quarters inside P10-P90 = ${(t.inside / Math.max(1, t.rows)).toFixed(3)} (${t.below} below P10, ${t.above} above P90), mean MAPE ${mape.toFixed(3)}, ${(t.ms / 1000).toFixed(1)} s backtesting`);
}
