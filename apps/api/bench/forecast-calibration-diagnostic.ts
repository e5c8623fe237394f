/**
 * Why backtest intervals miss on demo data: at each backtest cut-off, the win probabilities of the deals
 * open then against what those deals did, by deal age and by stage (eventual wins, and wins inside the
 * cut-off's quarter), in counts and in money. A bias shows as a bucket whose Σp departs from its wins
 * everywhere; pure common-mode dispersion as whole quarters departing with every bucket in step.
 *   node --max-semi-space-size=32 -r @swc-node/register apps/api/bench/forecast-calibration-diagnostic.ts --size medium --seeds 42 --models per-cutoff
 * Diagnostic only (uses outcomes known now to judge each cut-off's probabilities; never feeds them back).
 */
import { generateDemo, type DemoSize } from '@hub/demo-data';
import { buildDealExamples, dealContext, dealSnapshotsFromRecords, trainDealWinModel } from '@hub/deal-win';
import { previousQuarterStarts } from '@hub/forecasting';
import { stateAt, type DealWorld, type WinScorer } from '../src/modules/forecasting/forecast-state';
import { scorerTrainedAt } from '../src/modules/forecasting/forecast-backtest';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const size = arg('size', 'medium') as DemoSize;
const seeds = arg('seeds', '42').split(',').map(Number);
const mode = arg('models', 'per-cutoff') as 'per-cutoff' | 'active';
const DAY = 86_400_000;
const AGE_EDGES = [0, 14, 30, 45, 60, 90, Infinity];
const ageBucket = (days: number) => {
  const i = AGE_EDGES.findIndex((edge, k) => days >= edge && days < AGE_EDGES[k + 1]!);
  return `${AGE_EDGES[i]}-${AGE_EDGES[i + 1] === Infinity ? '' : AGE_EDGES[i + 1]}d`;
};

interface Cell { n: number; p: number; wins: number; winsQ: number; money: number; moneyWon: number; moneyWonQ: number; truthP: number }
const empty = (): Cell => ({ n: 0, p: 0, wins: 0, winsQ: 0, money: 0, moneyWon: 0, moneyWonQ: 0, truthP: 0 });
const fmt = (label: string, c: Cell) =>
  `    ${label.padEnd(14)} n ${String(c.n).padStart(4)}  Σp ${c.p.toFixed(1).padStart(6)}  wins ${String(c.wins).padStart(4)} (in qtr ${String(c.winsQ).padStart(4)})  ` +
  `wins/Σp ${(c.wins / Math.max(1e-9, c.p)).toFixed(2)}  €Σp·a ${(c.money / 1e6).toFixed(2)}M  €won ${(c.moneyWon / 1e6).toFixed(2)}M (in qtr ${(c.moneyWonQ / 1e6).toFixed(2)}M)  ` +
  `truth p@14d ${(c.truthP / Math.max(1, c.n)).toFixed(3)}  model p ${(c.p / Math.max(1, c.n)).toFixed(3)}`;

const overall = new Map<string, Cell>();
for (const seed of seeds) {
  const demo = generateDemo({ size, seed });
  const snapshots = [...dealSnapshotsFromRecords(demo.records).values()];
  const context = dealContext(snapshots);
  const world: DealWorld = { snapshots, context, names: new Map(), subscriptions: [] };
  const now = Date.parse(demo.truth.asOf) + 1;
  const truthP = new Map(demo.truth.deals.map((d) => [d.deal_id, d.p_win]));
  let active: WinScorer | null = null;
  if (mode === 'active') {
    const trained = trainDealWinModel(buildDealExamples(snapshots, { dataEnd: now - 1, context }));
    active = { method: 'model', model: { artefact: trained.artefact, version: 'now' } };
  }
  const final = stateAt(world, now, { method: 'rules', rates: {} });
  const outcome = new Map(final.state.history.map((h) => [h.dealId, h]));
  for (const cutoff of previousQuarterStarts(now, 6)) {
    const scorer = active ?? scorerTrainedAt(world, cutoff);
    const at = stateAt(world, cutoff, scorer);
    const quarterEnd = Date.UTC(new Date(cutoff).getUTCFullYear(), new Date(cutoff).getUTCMonth() + 3, 1);
    const cells = new Map<string, Cell>();
    const add = (key: string, d: (typeof at.open)[number]) => {
      const c = cells.get(key) ?? empty();
      cells.set(key, c);
      const o = outcome.get(d.facts.dealId);
      const won = o?.won === true;
      const inQ = won && o!.closedAt < quarterEnd;
      c.n++; c.p += d.probability; c.money += d.probability * d.facts.amountEur;
      c.truthP += truthP.get(d.facts.dealId) ?? 0;
      if (won) { c.wins++; c.moneyWon += d.facts.amountEur; }
      if (inQ) { c.winsQ++; c.moneyWonQ += d.facts.amountEur; }
    };
    for (const d of at.open) {
      const age = (cutoff - d.facts.createdAt) / DAY;
      const amt = d.facts.amountEur < 20000 ? "a<20k" : d.facts.amountEur < 50000 ? "a20-50k" : d.facts.amountEur < 100000 ? "a50-100k" : d.facts.amountEur < 250000 ? "a100-250k" : "a250k+";
      for (const key of ['all', `age ${ageBucket(age)}`, `stage ${d.facts.stage}`, amt]) {
        add(key, d);
        const total = overall.get(key) ?? empty();
        overall.set(key, total);
      }
    }
    console.log(`${size} seed ${seed} cut-off ${new Date(cutoff).toISOString().slice(0, 10)} (${scorer.method === 'model' ? scorer.model.version : 'rules'}):`);
    for (const [key, c] of [...cells].sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }))) {
      console.log(fmt(key, c));
      const total = overall.get(key)!;
      for (const k of Object.keys(c) as (keyof Cell)[]) total[k] += c[k];
    }
  }
}
console.log(`overall (${mode}):`);
for (const [key, c] of [...overall].sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }))) console.log(fmt(key, c));
