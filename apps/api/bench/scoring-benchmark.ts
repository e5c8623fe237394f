/**
 * `npm run bench:scoring`: lead scoring speed on real PostgreSQL, in a throwaway schema of the
 * `test` database (DATABASE_URL overrides), with a model trained on the small demo data:
 *   (a) batch-scoring N open leads (default 1,000,000; copies of the demo's open leads with their
 *       histories, made in SQL) with ScoreLeadsJob's path, scores stored;
 *   (b) `POST /api/mcp/score-lead` latency at 100 concurrent requests (autocannon) against the booted
 *       hub, before the copies are made (so the store is the demo's);
 *   (c) training on 200,000 labelled leads (the medium demo's, repeated).
 * Options: --contacts N, --train-leads N, --connections N, --seconds S, --only a,b,c, --wrk (load from
 * Debian's wrk instead of autocannon), --workers K (in (a), also run the batch as ScoreLeadsJob does
 * in production: one `score-leads` job, split into shard jobs taken by K `hub worker` processes),
 * --shard-leads N (open leads per shard, default 25,000),
 * --with-deals (in (b), send `{contact_id, deal_id}` pairs of open leads: a deal-focused score is
 * always computed, never the stored one, so this measures the scoring path itself).
 */
import 'reflect-metadata';
import autocannon from 'autocannon';
import { fork, spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { loadavg, cpus } from 'node:os';
import { QUEUES } from '@hub/contracts';
import { trainLeadModel } from '@hub/lead-scoring';
import { loadHubConfig } from '../src/core/config/hub-config';
import { openDatabase } from '../src/core/database/database-connection';
import { initializeHubDataSource } from '../src/core/database/hub-data-source';
import { redisOptions } from '../src/core/queue/redis-options';
import { loadDemoIntoStore } from '../src/cli/demo-command';
import { LeadScoringEngine } from '../src/modules/lead-scoring/lead-scoring.engine';
import { OPEN_LEAD_STAGES } from '../src/modules/lead-scoring/lead-snapshot.loader';
import { SCORE_LEADS_JOB } from '../src/modules/lead-scoring/score-leads.job';
import { createHubApp } from '../src/server/create-hub-app';
import { startCpuProfile } from './cpu-profile';
import { replicateOpenLeads, syntheticExamples } from './scoring-bench-data';
import { type LoadFigures, wrkLoad } from './wrk-load';

const url = process.env['DATABASE_URL'] || 'postgres://postgres@127.0.0.1:5432/test';
const option = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const onlyAt = process.argv.indexOf('--only');
const parts = new Set(onlyAt > 0 ? process.argv[onlyAt + 1]!.split(',') : ['a', 'b', 'c']);
const contacts = option('contacts', 1_000_000);
const trainLeads = option('train-leads', 200_000);
const connections = option('connections', 100);
const seconds = option('seconds', 15);
const withDeals = process.argv.includes('--with-deals');
const workerCount = option('workers', 0);
const shardLeads = option('shard-leads', 25_000);
const loadTool = process.argv.includes('--wrk') ? 'wrk' : 'autocannon';
const ADMIN_KEY = 'bench-admin-key-not-a-secret';

const load_ = () => loadavg().map((v) => v.toFixed(1)).join(' / ');
const cpuSeconds = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
};
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

async function main(): Promise<void> {
  console.log(`Lead scoring benchmark on ${cpus().length} CPUs, load average ${load_()} (1/5/15 min)`);
  const schema = `bench_scoring_${process.pid}`;
  const settings = { kind: 'postgres' as const, url, schema, poolSize: 10 };
  const handle = await openDatabase(settings, 'own');
  const dataSource = await initializeHubDataSource(handle);
  try {
    if (parts.has('a') || parts.has('b')) {
      await loadDemoIntoStore(dataSource, { size: 'small', seed: 42 });
      const trained = await new LeadScoringEngine(dataSource).train('bench');
      console.log(`model: ${trained.version?.label} trained on the small demo data (held-out ROC AUC ${trained.version?.metrics.test.rocAuc?.toFixed(3)})`);
    }
    if (parts.has('b')) await latency(handle, dataSource, settings);
    if (parts.has('a')) await batch(dataSource, schema);
    if (parts.has('c')) training();
  } finally {
    await dataSource.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => undefined);
    await dataSource.destroy();
    await handle.close();
  }
}

/** (a) Every open lead scored and stored, as ScoreLeadsJob does it. */
async function batch(dataSource: import('typeorm').DataSource, schema: string): Promise<void> {
  let started = performance.now();
  const open = await replicateOpenLeads(dataSource, schema, contacts);
  const [{ activities }] = await dataSource.query(`SELECT count(*)::int AS activities FROM "${schema}".activities`);
  console.log(`(a) data: ${open.toLocaleString('en')} open leads, ${activities.toLocaleString('en')} activities, made in ${((performance.now() - started) / 1000).toFixed(0)} s (load ${load_()})`);
  const engine = new LeadScoringEngine(dataSource);
  const scorer = await engine.activeScorer();
  const cpu = process.cpuUsage();
  const profiler = await startCpuProfile('batch');
  started = performance.now();
  const { scored } = await engine.rescoreOpenLeads(scorer);
  const wall = (performance.now() - started) / 1000;
  await profiler?.();
  const [{ stored }] = await dataSource.query(
    `SELECT count(*)::int AS stored FROM "${schema}".lead_scores ls JOIN "${schema}".contacts c ON c.id = ls.contact_id WHERE c.lifecycle_stage = ANY($1::text[])`, [OPEN_LEAD_STAGES]);
  console.log(`(a) batch scoring: ${scored.toLocaleString('en')} leads in ${wall.toFixed(1)} s = ${Math.round(scored / wall).toLocaleString('en')} leads/s ` +
    `(API process CPU ${cpuSeconds(cpu).toFixed(1)} s; ${stored.toLocaleString('en')} scores stored; target 1,000,000 in 60 s; load ${load_()})`);
  if (workerCount > 0) await batchByWorkers(schema);
}

/** (a) again through the job: one `score-leads` job split into shards that `workerCount` worker processes take. */
async function batchByWorkers(schema: string): Promise<void> {
  const { Queue } = await import('bullmq');
  const prefix = `bench-${process.pid}`;
  const redisUrl = process.env['REDIS_URL'] || 'redis://127.0.0.1:6379';
  const env = {
    ...process.env, DATABASE_URL: url, HUB_DB_SCHEMA: schema, HUB_REDIS_PREFIX: prefix, REDIS_URL: redisUrl, LOG_LEVEL: 'error',
    HUB_SCORING_SHARD_LEADS: String(shardLeads), HUB_WORKER_CONCURRENCY: '1', HUB_LEAD_RETRAIN_CRON: 'off', HUB_FORECAST_CRON: 'off', HUB_DEAL_RETRAIN_CRON: 'off',
  };
  const children = Array.from({ length: workerCount }, () =>
    spawn(process.execPath, [...process.execArgv, 'apps/api/src/main.ts', 'worker'], { env, stdio: ['ignore', 'ignore', 'inherit'] }));
  const queue = new Queue(QUEUES.scoring, { connection: redisOptions(redisUrl, 'producer'), prefix });
  try {
    const deadline = Date.now() + 120_000;
    while ((await queue.getWorkersCount()) < workerCount) {
      if (Date.now() > deadline) throw new Error(`only ${await queue.getWorkersCount()} of ${workerCount} workers came up in 120 s`);
      await new Promise((done) => setTimeout(done, 200));
    }
    const started = performance.now();
    const job = await queue.add(SCORE_LEADS_JOB, { requestedBy: 'bench', reason: 'benchmark' }, { attempts: 1 });
    let state = await job.getState();
    while (state !== 'completed' && state !== 'failed') {
      await new Promise((done) => setTimeout(done, 100));
      state = await job.getState();
    }
    const wall = (performance.now() - started) / 1000;
    const done = await queue.getJob(job.id!);
    if (state === 'failed') throw new Error(`the batch job failed: ${done?.failedReason}`);
    const { scored, shards } = done!.returnvalue as { scored: number; shards?: number };
    console.log(`(a) batch scoring as a job, ${workerCount} worker process${workerCount === 1 ? '' : 'es'}: ${scored.toLocaleString('en')} leads in ${wall.toFixed(1)} s = ` +
      `${Math.round(scored / wall).toLocaleString('en')} leads/s (${shards ?? 1} shard jobs of up to ${shardLeads.toLocaleString('en')}; load ${load_()})`);
  } finally {
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
    await Promise.all(children.map((child) => new Promise<void>((done) => {
      child.once('exit', () => done());
      child.kill('SIGTERM');
    })));
  }
}

/** (b) score-lead under 100 concurrent requests against the booted hub. */
async function latency(handle: Parameters<typeof createHubApp>[1], dataSource: import('typeorm').DataSource, settings: { kind: 'postgres'; url: string; schema: string; poolSize: number }): Promise<void> {
  const config = {
    ...loadHubConfig({
      LOG_LEVEL: 'error', HUB_ADMIN_KEY: ADMIN_KEY, HUB_RATE_LIMIT_PER_MINUTE: '1000000', HUB_REDIS_PREFIX: `bench-${process.pid}`,
      HUB_LEAD_RETRAIN_CRON: 'off', HUB_DB_POOL_SIZE: '20',
    }),
    database: settings,
  };
  const app = await createHubApp(config, handle, dataSource);
  await app.listen(0, '127.0.0.1');
  try {
    const { port } = app.getHttpServer().address() as { port: number };
    const ids: { contact_id: number; deal_id?: number }[] = withDeals
      ? await dataSource.query(`
          SELECT c.id::float8 AS contact_id, d.id::float8 AS deal_id FROM "${settings.schema}".contacts c JOIN "${settings.schema}".deals d ON d.contact_id = c.id
          WHERE c.lifecycle_stage = ANY($1::text[]) ORDER BY d.id`, [OPEN_LEAD_STAGES])
      : (await dataSource.query(`SELECT id::float8 AS id FROM "${settings.schema}".contacts WHERE lifecycle_stage = ANY($1::text[]) ORDER BY id`, [OPEN_LEAD_STAGES]))
        .map((row: { id: number }) => ({ contact_id: row.id }));
    // The load comes from a process of its own (as autocannon's CLI or wrk would), so the hub's
    // process CPU is the hub's alone.
    const cpu = process.cpuUsage();
    const profiler = await startCpuProfile('score-lead');
    const load = await loadFromChild({ url: `http://127.0.0.1:${port}/api/mcp/score-lead`, connections, seconds, bodies: ids.map((id) => JSON.stringify(id)) });
    await profiler?.();
    console.log(`(b) score-lead, ${connections} concurrent for ${seconds} s (${loadTool}) over ${ids.length.toLocaleString('en')} open leads${withDeals ? ' with a deal each (deal-focused: always computed)' : ''}: ${load.total.toLocaleString('en')} requests ` +
      `(${load.non2xx} not 2xx, ${load.errors} errors), ${Math.round(load.perSecond)} req/s; latency p50 ${load.p50.toFixed(1)} ms, ` +
      `p95 ${load.p95.toFixed(1)} ms, p99 ${load.p99.toFixed(1)} ms (target p95 ≤ 25 ms; load ${load_()}); ` +
      `hub process CPU ${((cpuSeconds(cpu) * 1000) / Math.max(1, load.total)).toFixed(2)} ms/request`);
    await floor(`http://127.0.0.1:${port}/api/mcp/score-lead`, JSON.stringify(ids[0]));
  } finally {
    // Requests still in flight when autocannon stops must finish before the schema goes.
    await new Promise((done) => setTimeout(done, 2000));
    await app.close();
  }
}

/**
 * What the machine allows at all: a bare node:http server (no framework, no key, no database) answering
 * every request with the hub's own answer for one lead, under the same load in the same run.
 */
async function floor(hubUrl: string, body: string): Promise<void> {
  const answer = await (await fetch(hubUrl, { method: 'POST', body, headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' } })).text();
  // Reads and parses each request's body, as any server must, and sends the answer.
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      JSON.parse(Buffer.concat(chunks).toString('utf8'));
      response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(answer) }).end(answer);
    });
  }).listen(0, '127.0.0.1');
  await new Promise((done) => server.once('listening', done));
  try {
    const { port } = server.address() as { port: number };
    const cpu = process.cpuUsage();
    const load = await loadFromChild({ url: `http://127.0.0.1:${port}/score-lead`, connections, seconds, bodies: [body] });
    console.log(`(b) floor: bare node:http server sending the same ${answer.length.toLocaleString('en')}-byte answer, same load: ${Math.round(load.perSecond)} req/s; ` +
      `latency p50 ${load.p50.toFixed(1)} ms, p95 ${load.p95.toFixed(1)} ms, p99 ${load.p99.toFixed(1)} ms; ` +
      `process CPU ${((cpuSeconds(cpu) * 1000) / Math.max(1, load.total)).toFixed(2)} ms/request (load ${load_()})`);
  } finally {
    await new Promise((done) => server.close(done));
  }
}

/** (c) Training alone (the learner race, calibration and held-out metrics), on labelled leads in memory. */
function training(): void {
  const { examples, conversions } = syntheticExamples(trainLeads);
  const cpu = process.cpuUsage();
  const started = performance.now();
  const trained = trainLeadModel(examples, { trainedAt: new Date().toISOString() });
  const wall = (performance.now() - started) / 1000;
  console.log(`(c) training on ${examples.length.toLocaleString('en')} labelled leads (${conversions.toLocaleString('en')} conversions): ${wall.toFixed(1)} s ` +
    `(CPU ${cpuSeconds(cpu).toFixed(1)} s; learner ${trained.metrics.learner}; target 60 s; load ${load_()})`);
}

interface LoadOrder { url: string; connections: number; seconds: number; bodies: string[] }
/** Runs the load (autocannon in a child process, or wrk) and hands back its totals and latency percentiles. */
function loadFromChild(order: LoadOrder): Promise<LoadFigures> {
  if (loadTool === 'wrk') return wrkLoad({ ...order, key: ADMIN_KEY });
  const child = fork(__filename, ['--load-child'], { execArgv: ['-r', '@swc-node/register'] });
  return new Promise((resolve, reject) => {
    child.once('message', (message) => resolve(message as LoadFigures));
    child.once('exit', (code) => reject(new Error(`the load process exited with ${code}`)));
    child.send(order);
  });
}

/** In the child: the load itself. */
function runLoad(order: LoadOrder): void {
  let next = 0;
  const latencies: number[] = [];
  const instance = autocannon({
    url: order.url, connections: order.connections, duration: order.seconds, method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
    requests: [{ setupRequest: (request) => ({ ...request, body: order.bodies[next++ % order.bodies.length] }) }],
  });
  instance.on('response', (_client, status, _bytes, ms) => {
    if (status === 200) latencies.push(ms);
  });
  void instance.then((result) => {
    latencies.sort((a, b) => a - b);
    process.send!({
      total: result.requests.total, perSecond: result.requests.average, non2xx: result.non2xx, errors: result.errors,
      p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99),
    } satisfies LoadFigures, () => process.exit(0));
  });
}

if (process.argv[2] === '--load-child') process.once('message', (order) => runLoad(order as LoadOrder));
else void main().catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exitCode = 1;
});
