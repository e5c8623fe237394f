import { describe, expect, it } from 'vitest';
import { backtestWorld } from '../src/modules/forecasting/forecast-backtest';
import { demoDealWorld } from './support/demo-deal-world';

/**
 * Issue 8's accuracy bar for the forecast: the backtest the job runs (per-cutoff models, the data as it
 * stood at each of the last six quarter starts, 10,000 simulations) holds 70–90% of actual quarters within
 * P10–P90, over six medium demo worlds (36 quarters; deterministic for fixed seeds).
 */
describe('backtest P10–P90 coverage on demo data (medium, six seeds)', () => {
  it('holds between 70% and 90% of the actual quarters', () => {
    const rows = [42, 7, 3, 11, 23, 99].flatMap((seed) => {
      const { world, now, outcomes } = demoDealWorld('medium', seed);
      // The rules scorer stands in for "today's model": per-cutoff mode trains its own at each cut-off.
      const result = backtestWorld(world, now, outcomes, { method: 'rules', rates: {} }, { simulations: 10_000, seed: 1, backtestModels: 'per-cutoff' });
      return result.backtest?.rows ?? [];
    });
    const inside = rows.filter((row) => row.withinInterval).length;
    const mape = rows.reduce((s, row) => s + (row.absPercentError ?? 0), 0) / rows.length;
    console.log(`backtest coverage on medium demo, seeds 42,7,3,11,23,99: ${inside}/${rows.length} = ${(inside / rows.length).toFixed(3)}, MAPE ${mape.toFixed(3)}`);
    expect(rows.length).toBe(36);
    expect(inside / rows.length).toBeGreaterThanOrEqual(0.7);
    expect(inside / rows.length).toBeLessThanOrEqual(0.9);
  }, 600_000);
});
