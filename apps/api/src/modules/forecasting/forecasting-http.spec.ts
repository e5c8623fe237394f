import {
  type DealPredictionView, type DealRisksView, type DealWinRegistryView, type DeliverWebhookJobData, type ForecastReportView, type JobView,
  type PipelineHealthView, QUEUES, type TrainDealWinResult,
} from '@hub/contracts';
import { generateDemo } from '@hub/demo-data';
import {
  buildDealExamples, dealContext, dealFactsAt, dealSnapshotsFromRecords, emptyDealExampleCounts, extractDealFeatures, type DealSnapshot,
} from '@hub/deal-win';
import { logit } from '@hub/ml';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { QueueEvents } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activity, at, bundleText, chunked, contact, deal } from '../../../test/support/bundle-fixtures';
import { runHub } from '../../../test/support/hub-process';
import { readJson, startTestApp, startTestWorker, type Json, type TestApp } from '../../../test/support/test-app';
import { TEST_POSTGRES_URL } from '../../../test/support/test-store';
import { waitFor } from '../../../test/support/wait-for';
import { loadDemoIntoStore } from '../../cli/demo-command';
import { JobsService } from '../../core/queue/jobs.service';
import { redisOptions } from '../../core/queue/redis-options';
import { contextSnapshots, labelledDealCounts } from './deal-history.queries';
import { DealSnapshotLoader } from './deal-snapshot.loader';
import { importBundle } from '../bundles/bundle-importer';
import { DEAL_RETRAIN_SCHEDULER, DealRetrainTrigger } from './deal-retrain.trigger';
import { ForecastEngine } from './forecast.engine';

const DAY = 86_400_000;

function waitForJob(hub: TestApp, id: string, timeoutMs = 180_000): Promise<JobView> {
  return waitFor(`job ${id} to finish`, async () => {
    const view = (await readJson(await fetch(`${hub.url}/api/jobs/${id}`, { headers: hub.auth }))) as JobView;
    return ['completed', 'failed', 'cancelled'].includes(view.state) ? view : undefined;
  }, timeoutMs);
}

describe('sales forecasting over REST and MCP on PostgreSQL with the small demo data', () => {
  let hub: TestApp;
  let memory: Map<number, DealSnapshot>;
  let dataEnd: number;
  const get = async (path: string) => {
    const response = await fetch(`${hub.url}/api${path}`, { headers: hub.auth });
    return { status: response.status, type: response.headers.get('content-type'), body: (await readJson(response)) as Json };
  };
  const post = (path: string, body: unknown = {}) =>
    fetch(`${hub.url}/api${path}`, { method: 'POST', headers: { ...hub.auth, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const sql = (text: string, params: unknown[] = []) => hub.store.dataSource.query(text.replaceAll('$s', `"${hub.store.schema}"`), params);

  beforeAll(async () => {
    hub = await startTestApp('postgres');
    await loadDemoIntoStore(hub.store.dataSource, { size: 'small', seed: 42 });
    memory = dealSnapshotsFromRecords(generateDemo({ size: 'small', seed: 42 }).records);
    dataEnd = await new DealSnapshotLoader(hub.store.dataSource).dataEnd();
  });
  afterAll(async () => hub?.close());

  it('loads deal snapshots with SQL that give the same facts and features as the records themselves', async () => {
    const loader = new DealSnapshotLoader(hub.store.dataSource);
    const ids = [...memory.keys()].filter((id) => id % 7 === 0);
    const loaded = await loader.load(ids);
    expect(loaded.map((s) => s.deal.id)).toEqual(ids);
    const memoryContext = dealContext(memory.values());
    // Live predictions judge a deal against a context built from light snapshots: it must be the same.
    const lightContext = dealContext(await contextSnapshots(hub.store.dataSource));
    for (const snapshot of loaded) {
      const expected = memory.get(snapshot.deal.id)!;
      const created = Date.parse(expected.deal.created_at);
      for (const at of [created + 14 * DAY, created + 60 * DAY, dataEnd + 1]) {
        expect(dealFactsAt(snapshot, at, memoryContext)).toEqual(dealFactsAt(expected, at, memoryContext));
        expect(extractDealFeatures(snapshot, at, lightContext)).toEqual(extractDealFeatures(expected, at, memoryContext));
      }
    }
    const counts = emptyDealExampleCounts();
    buildDealExamples(memory.values(), { dataEnd }, counts);
    expect(await labelledDealCounts(hub.store.dataSource, dataEnd)).toEqual({ closedDeals: counts.labelled, wins: counts.wins });
  });

  it('says what is missing before any forecast run, and predicts with the stage rules before any model', async () => {
    const forecast = await get('/forecast');
    expect(forecast.status).toBe(404);
    expect(forecast.type).toMatch(/application\/problem\+json/);
    expect(forecast.body.detail).toMatch(/No forecast has been computed yet.*POST \/api\/forecast\/recompute/);
    expect((await get('/pipeline/health')).status).toBe(404);
    const registry = (await get('/models/deal-win')).body as DealWinRegistryView;
    expect(registry).toMatchObject({ kind: 'deal-win', method: 'rules', active: null, versions: [], currency: 'EUR', rates: { EUR: 1, USD: 1.08, GBP: 0.85 } });
    expect(registry.sufficiency).toMatchObject({ winsNeeded: 50, closedDealsNeeded: 200, sufficient: true });
    const [open] = await sql(`SELECT id::int AS id FROM $s.deals WHERE stage NOT IN ('closed_won', 'closed_lost') ORDER BY id LIMIT 1`);
    const predicted = (await get(`/deals/${open.id}/prediction`)).body as DealPredictionView;
    expect(predicted).toMatchObject({ dealId: open.id, method: 'rules', modelVersion: 'deal-rules@1', open: true });
  });

  let trainResult: TrainDealWinResult;
  it('trains as a job with live progress, registers deal-win@1 with held-out metrics, recomputes and announces the forecast', async () => {
    const hook = await post('/webhooks', { url: 'http://127.0.0.1:9/forecasts', events: ['forecast.updated'] });
    expect(hook.status).toBe(201);
    const events = new QueueEvents(QUEUES.forecasting, { connection: redisOptions(hub.config.redis.url, 'worker'), prefix: hub.config.redis.prefix });
    const progress: { jobId: string; percent: number; message: string }[] = [];
    events.on('progress', ({ jobId, data }) => void progress.push({ jobId, ...(data as { percent: number; message: string }) }));
    await events.waitUntilReady();
    const response = await post('/models/deal-win/train');
    expect(response.status).toBe(202);
    const job = (await readJson(response)) as JobView;
    expect(response.headers.get('location')).toBe(`/api/jobs/${job.id}`);
    expect(job).toMatchObject({ queue: 'hub-forecasting', name: 'train-deal-win' });
    const worker = await startTestWorker(hub);
    try {
      const trained = await waitForJob(hub, job.id);
      expect(trained.state, trained.error).toBe('completed');
      trainResult = trained.result as TrainDealWinResult;
      expect(trainResult).toMatchObject({ outcome: 'model', version: { label: 'deal-win@1', status: 'active' }, skippedCurrencies: {} });
      const recomputed = await waitForJob(hub, trainResult.recomputeJobId!);
      expect(recomputed.state, recomputed.error).toBe('completed');
      expect(recomputed.result).toMatchObject({ modelVersion: 'deal-win@1', openDeals: expect.any(Number) });
    } finally {
      await worker.close();
      await events.close();
    }
    // Progress came live, step by step, for both jobs.
    for (const id of [job.id, trainResult.recomputeJobId]) {
      const steps = progress.filter((p) => p.jobId === id);
      expect(steps.some((p) => p.percent > 0 && p.percent < 100 && p.message.length > 0), JSON.stringify(steps)).toBe(true);
    }
    const registry = (await get('/models/deal-win')).body as DealWinRegistryView;
    expect(registry.method).toBe('model');
    expect(registry.active).toMatchObject({ label: 'deal-win@1', training_window: { horizon_days: 120, qualification_days: 14 } });
    const test = registry.active!.metrics.test;
    for (const figure of [test.rocAuc, test.prAuc, test.logLoss, test.brierScore]) expect(figure).toEqual(expect.any(Number));
    expect(test.rocAuc).toBeGreaterThan(0.65);
    const queued = await hub.app.get(JobsService).queue(QUEUES.webhooks).getJobs(['waiting', 'delayed', 'active', 'completed', 'failed']);
    const announced = queued.map((j) => (j.data as DeliverWebhookJobData).payload).filter((p) => p.type === 'forecast.updated');
    expect(announced).toHaveLength(1);
    expect(announced[0]!.data).toMatchObject({ model_version: 'deal-win@1', trigger: 'training', currency: 'EUR', current_quarter: { key: expect.stringMatching(/^\d{4}-Q\d$/) } });
  });

  it('forecasts four quarters with ordered intervals and shows the backtest beside it', async () => {
    const { status, body } = await get('/forecast');
    expect(status).toBe(200);
    const view = body as ForecastReportView;
    expect(view).toMatchObject({ currency: 'EUR', simulations: 10_000, run: { modelVersion: 'deal-win@1', trigger: 'training' } });
    expect(view.quarters).toHaveLength(4);
    expect(view.months).toHaveLength(12);
    for (const period of [...view.quarters, ...view.months]) {
      expect(period.p10).toBeLessThanOrEqual(period.p50);
      expect(period.p50).toBeLessThanOrEqual(period.p90);
      // The expectation is exact and the quantiles simulated: it must lie inside the simulated range's broad envelope.
      expect(period.expected).toBeGreaterThanOrEqual(period.p10 * 0.5);
      expect(period.expected).toBeLessThanOrEqual(period.p90 * 2 + 1);
      expect(period.expected).toBeCloseTo(period.booked + period.newBusinessExpected + period.recurringExpected, 0);
    }
    expect(view.quarters[0]!.expected).toBeGreaterThan(0);
    // Quarters are their months.
    expect(view.quarters[1]!.expected).toBeCloseTo(view.months.slice(3, 6).reduce((s, m) => s + m.expected, 0), -1);
    expect(view.backtest).not.toBeNull();
    const backtest = view.backtest!;
    expect(backtest.rows.length).toBeGreaterThan(0);
    expect(backtest.coverage).toBeCloseTo(backtest.rows.filter((r) => r.withinInterval).length / backtest.rows.length, 3);
    expect(backtest.mape).toEqual(expect.any(Number));
    for (const row of backtest.rows) expect(row.p10).toBeLessThanOrEqual(row.p90);
    const categories = view.categories.map((c) => c.category).sort();
    expect(categories).toEqual(['best_case', 'commit', 'pipeline']);
  });

  it('re-simulates with quotas, and refuses quotas that are negative, not numbers or outside the horizon', async () => {
    const base = (await get('/forecast')).body as ForecastReportView;
    const [first, second] = base.quarters;
    const low = Math.round(first!.p10 * 0.5);
    const high = Math.round(second!.p90 * 3);
    const { status, body } = await get(`/forecast?quota=${first!.key}:${low}&quota=${second!.key}:${high}`);
    expect(status).toBe(200);
    const view = body as ForecastReportView;
    expect(view.quarters[0]!.quota).toEqual({ amount: low, probabilityToReach: expect.any(Number) });
    expect(view.quarters[0]!.quota!.probabilityToReach).toBeGreaterThan(0.9);
    expect(view.quarters[1]!.quota!.probabilityToReach).toBeLessThan(0.05);
    // Same seed and inputs: the same figures as the stored run.
    expect(view.quarters[0]!.p50).toBe(first!.p50);
    for (const [query, named] of [[`quota=${first!.key}:-5`, first!.key], [`quota=${first!.key}:lots`, first!.key], ['quota=2026Q1', '2026Q1'], ['quota=1999-Q1:100', '1999-Q1']] as const) {
      const bad = await get(`/forecast?${query}`);
      expect(bad.status, query).toBe(400);
      expect(bad.body.detail, query).toContain(named);
    }
  });

  it('stores a run whose size follows the open pipeline, not the deals\' history', async () => {
    const [row] = await sql(`SELECT state, octet_length(state::text)::int AS state_bytes, octet_length(result::text)::int AS result_bytes FROM $s.forecast_runs ORDER BY id DESC LIMIT 1`);
    const [{ open }] = await sql(`SELECT count(*)::int AS open FROM $s.deal_predictions`);
    expect(Object.keys(row.state)).toEqual(['openPipeline']);
    expect(row.state.openPipeline).toHaveLength(open);
    expect(row.state_bytes).toBeLessThan(100 * open + 100);
    // Distributions (1,001 quantiles × 16 periods), backtest, health and risks: bounded, whatever the history.
    expect(row.result_bytes).toBeLessThan(3_000_000);
  });

  it('measures pipeline health with coverage against a quota and a 90-day trend', async () => {
    const base = (await get('/forecast')).body as ForecastReportView;
    const key = base.quarters[0]!.key;
    const { status, body } = await get(`/pipeline/health?quota=${key}:1000000`);
    expect(status).toBe(200);
    const view = body as PipelineHealthView;
    expect(view.coverage).toMatchObject({ period: key, quota: 1_000_000 });
    expect(view.coverage!.weightedPipeline).toBeLessThanOrEqual(view.coverage!.pipeline);
    expect(view.headline['openDeals']).toBe(base.run.openDeals);
    expect(view.trend.find((t) => t.metric === 'openDeals')).toMatchObject({ current: base.run.openDeals, previous: expect.any(Number) });
    expect(view.conversions.map((c) => c.from)).toEqual(['prospecting', 'qualification', 'proposal', 'negotiation']);
    expect(view.winRate).toBeGreaterThan(0);
    expect((await get('/pipeline/health?quota=abc')).status).toBe(400);
  });

  it('ranks deal risks by revenue at risk, paged, each with its evidence', async () => {
    const first = (await get('/deals/risks?limit=10')).body as DealRisksView;
    expect(first.items).toHaveLength(10);
    const atRisk = first.items.map((d) => d.revenueAtRisk);
    expect(atRisk).toEqual([...atRisk].sort((a, b) => b - a));
    for (const deal of first.items) {
      expect(deal.flags.length).toBeGreaterThan(0);
      expect(deal.revenueAtRisk).toBeLessThanOrEqual(deal.expectedValue + 0.01);
      for (const flag of deal.flags) expect(flag.phrase.length).toBeGreaterThan(0);
    }
    const second = (await get(`/deals/risks?limit=10&cursor=${first.nextCursor}`)).body as DealRisksView;
    expect(second.total).toBe(first.total);
    expect(second.items[0]!.revenueAtRisk).toBeLessThanOrEqual(first.items[9]!.revenueAtRisk);
    expect(second.items[0]!.dealId).not.toBe(first.items[9]!.dealId);
    expect((await get('/deals/risks?limit=0')).status).toBe(400);
  });

  it('predicts one deal live with factors that add up to its log-odds, agreeing with the stored prediction', async () => {
    const [open] = await sql(`SELECT deal_id::int AS id, probability FROM $s.deal_predictions ORDER BY probability DESC LIMIT 1`);
    const { status, body } = await get(`/deals/${open.id}/prediction`);
    expect(status).toBe(200);
    const view = body as DealPredictionView;
    expect(view).toMatchObject({ dealId: open.id, open: true, method: 'model', modelVersion: 'deal-win@1', currency: 'EUR' });
    expect(view.probability).toBeCloseTo(open.probability, 9);
    const total = view.factors.reduce((sum, f) => sum + f.contribution, view.baseLogOdds);
    expect(Math.abs(total - logit(view.probability))).toBeLessThan(1e-9);
    expect(view.factors.every((f) => f.phrase.length > 0)).toBe(true);

    const missing = await get('/deals/987654/prediction');
    expect(missing.status).toBe(404);
    expect(missing.body.detail).toContain('987654');
    for (const bad of ['1.5', 'abc', '-3']) expect((await get(`/deals/${bad}/prediction`)).status, bad).toBe(400);
    const [closed] = await sql(`SELECT id::int AS id FROM $s.deals WHERE stage = 'closed_won' ORDER BY id LIMIT 1`);
    const refused = await get(`/deals/${closed.id}/prediction`);
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toMatch(new RegExp(`Deal ${closed.id} is closed \\(won on \\d{4}-\\d{2}-\\d{2}\\)`));
  });

  it('writes audit rows for each forecasting read and for training', async () => {
    const rows: { operation: string; outcome: string }[] = await sql(`SELECT operation, outcome FROM $s.audit_log WHERE operation LIKE ANY($1)`,
      [['forecast.%', 'pipeline.%', 'deal.%']]);
    const seen = new Set(rows.map((r) => `${r.operation}:${r.outcome}`));
    for (const expected of ['deal.model.train.request:ok', 'deal.model.train:ok', 'forecast.recompute:ok', 'forecast.read:ok', 'forecast.read:error',
      'pipeline.health.read:ok', 'deal.risks.read:ok', 'deal.predict:ok', 'deal.predict:error']) {
      expect(seen, expected).toContain(expected);
    }
  });

  it('offers forecast_revenue, pipeline_health, deal_risks and predict_deal to MCP clients, agreeing with REST', async () => {
    const client = new Client({ name: 'forecast-test', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${hub.url}/mcp`), { requestInit: { headers: hub.auth } }));
    try {
      const tools = (await client.listTools()).tools;
      for (const name of ['forecast_revenue', 'pipeline_health', 'deal_risks', 'predict_deal']) {
        expect(tools.find((t) => t.name === name)?.outputSchema, name).toBeDefined();
      }
      const rest = (await get('/forecast')).body as ForecastReportView;
      const key = rest.quarters[0]!.key;
      const forecast = await client.callTool({ name: 'forecast_revenue', arguments: { quotas: [{ period: key, amount: 1000 }] } });
      const structured = forecast.structuredContent as { quarters: { key: string; p50: number; quota?: { probabilityToReach: number } }[]; backtest: { coverage: number } | null };
      expect(structured.quarters[0]).toMatchObject({ key, p50: rest.quarters[0]!.p50, quota: { probabilityToReach: expect.any(Number) } });
      expect(structured.backtest?.coverage).toBe(rest.backtest!.coverage);
      expect(JSON.stringify(forecast.content)).toMatch(/P10/);
      const negative = await client.callTool({ name: 'forecast_revenue', arguments: { quotas: [{ period: key, amount: -1 }] } });
      expect(negative.isError).toBe(true);
      expect(JSON.stringify(negative.content)).toContain(key);

      const health = (await client.callTool({ name: 'pipeline_health', arguments: {} })).structuredContent as { trend: { metric: string }[] };
      expect(health.trend.map((t) => t.metric)).toContain('winRate');

      const risks = await client.callTool({ name: 'deal_risks', arguments: { limit: 5 } });
      const page = risks.structuredContent as { items: { dealId: number; revenueAtRisk: number }[]; total: number; truncated: boolean; nextCursor: string | null };
      const restRisks = (await get('/deals/risks?limit=5')).body as DealRisksView;
      expect(page.items.map((d) => d.dealId)).toEqual(restRisks.items.map((d) => d.dealId));
      expect(page.truncated).toBe(page.total > 5);
      const next = (await client.callTool({ name: 'deal_risks', arguments: { limit: 5, cursor: page.nextCursor } })).structuredContent as { items: { revenueAtRisk: number }[] };
      expect(next.items[0]!.revenueAtRisk).toBeLessThanOrEqual(page.items[4]!.revenueAtRisk);

      const dealId = page.items[0]!.dealId;
      const predicted = (await client.callTool({ name: 'predict_deal', arguments: { deal_id: dealId } })).structuredContent as { probability: number; baseLogOdds: number; factors: { contribution: number }[] };
      expect(predicted.probability).toBeCloseTo(((await get(`/deals/${dealId}/prediction`)).body as DealPredictionView).probability, 12);
      const total = predicted.factors.reduce((sum, f) => sum + f.contribution, predicted.baseLogOdds);
      expect(Math.abs(total - logit(predicted.probability))).toBeLessThan(1e-9);
      const unknown = await client.callTool({ name: 'predict_deal', arguments: { deal_id: 987654 } });
      expect(unknown.isError).toBe(true);
      expect(JSON.stringify(unknown.content)).toMatch(/987654/);
    } finally {
      await client.close();
    }
  });

  it('trains from the command line, recomputes, and rolls back to version 1', async () => {
    const run = await runHub(['train', 'deal-win'], { DATABASE_URL: TEST_POSTGRES_URL, HUB_DB_SCHEMA: hub.store.schema, LOG_LEVEL: 'warn', HUB_DEMO: 'off' });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/Registered deal-win@2 .*\n.*ROC AUC 0\.\d+/);
    expect(run.stderr).toMatch(/Forecast run \d+ over \d+ open deals; backtest MAPE/);
    expect(JSON.parse(run.stdout)).toMatchObject({ outcome: 'model', version: { version: 2, status: 'active' } });
    expect(((await get('/forecast')).body as ForecastReportView).run).toMatchObject({ modelVersion: 'deal-win@2', trigger: 'cli' });

    const response = await post('/models/deal-win/rollback');
    expect(response.status).toBe(200);
    const rolledBack = await readJson(response);
    expect(rolledBack.active).toMatchObject({ version: 1, status: 'active' });
    expect(rolledBack.recompute_job).toMatchObject({ queue: 'hub-forecasting', name: 'recompute-forecast' });
    expect(((await get(`/deals/${(await sql(`SELECT deal_id::int AS id FROM $s.deal_predictions LIMIT 1`))[0].id}/prediction`)).body as DealPredictionView).modelVersion).toBe('deal-win@1');
    expect((await post('/models/deal-win/rollback', { version: 9 })).status).toBe(404);
    expect((await post('/models/deal-win/rollback', { version: 'x' })).status).toBe(400);
  });

  it('registers the deal-win retraining schedule, and queues a training once enough new wins arrived', async () => {
    const queue = hub.app.get(JobsService).queue(QUEUES.forecasting);
    expect(await queue.getJobScheduler(DEAL_RETRAIN_SCHEDULER)).toMatchObject({ pattern: '30 3 * * 0', name: 'train-deal-win' });
    const trigger = hub.app.get(DealRetrainTrigger);
    expect(await trigger.check()).toMatchObject({ decision: { retrain: false, reason: expect.stringMatching(/won deals/) }, job: null });

    // Won deals old enough to be labelled, on an existing contact (imported without events: this test checks by itself).
    const [{ id: contactId }] = await sql(`SELECT id::int AS id FROM $s.contacts ORDER BY id LIMIT 1`);
    const created = new Date(dataEnd - 300 * DAY);
    const won = (from: number, to: number) => importBundle(hub.store.dataSource, chunked(bundleText(Array.from({ length: to - from }, (_, i) =>
      deal(8_800_000 + from + i, contactId, { stage: 'closed_won', amount: 20_000, created_at: created.toISOString(), closed_at: new Date(created.getTime() + 40 * DAY).toISOString() })))));
    await won(0, 3);
    expect((await trigger.check()).job).toBeNull();
    await won(3, 80);
    const { decision, job } = await trigger.check();
    expect(decision).toMatchObject({ retrain: true, reason: expect.stringMatching(/new won deals|won deals grew/) });
    expect(job).toMatchObject({ queue: 'hub-forecasting', name: 'train-deal-win', id: expect.stringMatching(/^retrain-deal-win-v1-w\d+$/) });
    // Another instance checking while it waits queues nothing more.
    expect((await trigger.check()).job).toBeNull();
    await queue.remove(job!.id);
  });
});

describe('forecasting on the embedded store with no history and a currency without a rate', () => {
  let hub: TestApp;
  beforeAll(async () => {
    hub = await startTestApp('embedded', { HUB_FX_RATES: 'USD=1.1' });
    const lines = [
      contact(1, null), deal(10, 1, { amount: 5000, stage: 'proposal', expected_close_date: '2024-03-01' }),
      deal(11, 1, { amount: 9000, currency: 'CHF', stage: 'negotiation' }), deal(12, 1, { amount: 7000, currency: 'GBP' }),
      activity(100, 1, { deal_id: 10, occurred_at: at(5) }),
    ];
    const response = await fetch(`${hub.url}/api/bundles`, { method: 'POST', headers: { ...hub.auth, 'content-type': 'application/x-ndjson' }, body: bundleText(lines) });
    expect(response.status).toBe(200);
  });
  afterAll(async () => hub?.close());

  it('stores a run that says what history is missing, skips deals in currencies without a rate, and never makes a figure up', async () => {
    const engine = new ForecastEngine(hub.store.dataSource, hub.config.forecasting.fxRates);
    const outcome = await engine.recompute('test');
    expect(outcome.openDeals).toBe(1);
    expect(outcome.result.forecast).toBeNull();
    expect(outcome.result.warnings).toEqual(expect.arrayContaining([
      expect.stringMatching(/1 deals in CHF left out: no EUR rate for CHF/), expect.stringMatching(/1 deals in GBP left out: no EUR rate for GBP/),
    ]));
    const forecast = await fetch(`${hub.url}/api/forecast`, { headers: hub.auth });
    expect(forecast.status).toBe(409);
    const problem = await readJson(forecast);
    expect(problem.detail).toMatch(/No won deal with its stage history.*Missing: .*closed-won deals.*recompute/);
    expect(problem.missing).toEqual(expect.arrayContaining([expect.stringMatching(/closed-won deals/)]));
    // Health and risks need no history: they answer from the open deal.
    expect((await fetch(`${hub.url}/api/pipeline/health`, { headers: hub.auth })).status).toBe(200);
    const chf = await fetch(`${hub.url}/api/deals/11/prediction`, { headers: hub.auth });
    expect(chf.status).toBe(422);
    expect((await readJson(chf)).detail).toMatch(/CHF.*HUB_FX_RATES/);
    const registry = await readJson(await fetch(`${hub.url}/api/models/deal-win`, { headers: hub.auth }));
    expect(registry).toMatchObject({ method: 'rules', rates: { EUR: 1, USD: 1.1 }, sufficiency: { wins: 0, sufficient: false, reason: expect.stringMatching(/0 of the 50 won deals/) } });
  });
});
