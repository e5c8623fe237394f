/**
 * A revenue forecast over 100,000 open deals with 10,000 simulations (target: at most 5 s), with
 * two years of closed deals to learn slippage from and 5,000 paying customers. Prints wall time,
 * CPU time and peak RSS of the forecastRevenue call.
 *
 *   npm run bench:forecast [-- openDeals simulations [exactBudget [shockSd]]]   (defaults 100000 10000 20000000 learned)
 *
 * exactBudget `all` draws every deal one by one (no normal approximation), for comparison.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { createSeededRandom } from '@hub/ml';
import { DAY_MS, type ForecastDeal, type SubscriptionState } from '../src/deal-state';
import { forecastRevenue } from '../src/monte-carlo/forecast-revenue';
import { STAGES, syntheticDeals, worldStateAt } from '../src/testing/synthetic-world';

const openDealCount = Number(process.argv[2] ?? 100_000);
const simulations = Number(process.argv[3] ?? 10_000);
const budgetArgument = process.argv[4];
// The shared win-rate shift: learned from the history (the default), or a given log-odds sd.
const shockArgument = process.argv[5];
const exactSimulationBudget = budgetArgument === 'all' ? Number.POSITIVE_INFINITY : budgetArgument ? Number(budgetArgument) : undefined;
const now = Date.UTC(2026, 4, 15);
const random = createSeededRandom(11);

const world = worldStateAt(
  syntheticDeals({ seed: 5, start: now - 730 * DAY_MS, end: now, dealsPerDay: 30, slipMeanDays: 15, slipSdDays: 20, leadDays: [20, 150], winProbability: [0.05, 0.8] }),
  now,
);
const openDeals: ForecastDeal[] = Array.from({ length: openDealCount }, (_, i) => {
  const template = world.openDeals[i % world.openDeals.length]!;
  const hasDate = random.next() < 0.9;
  return {
    ...template,
    dealId: i,
    amount: Math.round(2000 + 60_000 * random.next() ** 3),
    stage: STAGES[Math.floor(random.next() * STAGES.length)]!,
    stageEnteredAt: now - random.next() * 60 * DAY_MS,
    expectedCloseAt: hasDate ? now + (random.next() * 330 - 30) * DAY_MS : null,
    winProbability: 0.02 + 0.9 * random.next(),
    ownerId: `rep-${i % 250}`,
    team: `team-${i % 12}`,
    products: i % 3 === 0 ? ['core', 'analytics'] : ['core'],
  };
});
const subscriptions: SubscriptionState[] = Array.from({ length: 8000 }, (_, i) => {
  const startedAt = now - random.next() * 900 * DAY_MS;
  const ended = i % 5 === 0;
  return { companyId: i % 5000, product: i % 2 ? 'core' : 'analytics', mrr: Math.round(200 + 3000 * random.next()), startedAt, endedAt: ended ? startedAt + random.next() * (now - startedAt) : null };
});

const cpuBefore = process.cpuUsage();
const started = performance.now();
const forecast = forecastRevenue({ now, openDeals, history: world.history, subscriptions }, { simulations, seed: 1, quotas: { '2026-Q2': 250_000_000 }, exactSimulationBudget,
  ...(shockArgument ? { winRateShock: { logOddsSd: Number(shockArgument) } } : {}),
});
const wallSeconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuBefore);
const { method } = forecast;
const shock = forecast.method.winRateShock;
console.log(`win-rate shock: log-odds sd ${shock.logOddsSd.toFixed(3)} (${shock.source}${shock.source === 'learned' ? `, ${shock.quarters} quarters, ${shock.closedDeals} closed deals` : ''})`);
console.log(`node ${process.version}, load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} CPUs`);
console.log(
  `${openDealCount} open deals (${method.exactDeals} drawn one by one, ${method.approximatedDeals} as a normal sum), ` +
    `${world.history.length} closed deals of history, ${method.exactCustomers + method.approximatedCustomers} customers, ${simulations} simulations`,
);
console.log(
  `forecastRevenue: wall ${wallSeconds.toFixed(2)} s, CPU ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s, ` +
    `peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
);
for (const q of forecast.quarters) {
  console.log(`  ${q.key}: expected ${(q.expected / 1e6).toFixed(2)}M, mean ${(q.simulatedMean / 1e6).toFixed(2)}M, P10–P90 ${(q.p10 / 1e6).toFixed(2)}–${(q.p90 / 1e6).toFixed(2)}M${q.quota ? `, P(quota) ${q.quota.probabilityToReach.toFixed(3)}` : ''}`);
}
