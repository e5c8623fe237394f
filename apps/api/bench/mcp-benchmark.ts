/**
 * `npm run bench:mcp`: 100 concurrent MCP sessions (the SDK's Client over Streamable HTTP) calling
 * `get_contact` on the medium demo data, beside a bare SDK server with a no-op tool, in the same run.
 * A third server, the bare SDK server with a `get_contact` that runs the hub's own query (pg, a
 * prepared statement) and returns the row as text, tells the hub's layers (bearer key, rate limit,
 * sessions in Redis, audit row, structured output) apart from the cost of the read itself.
 * Each server runs in a child process of its own; the load comes from this process. Runs several
 * measured passes per server, alternating, and prints each pass (calls/s, p50/p99 latency) and the
 * medians, with the hub's p99 against the bare one (target ≤ 1.5x) as the ratio of the median p99s:
 * one pass's p99 is a single slow call among the last 30, too noisy to judge on its own.
 * Also prints each server's CPU time per call (its process's user + system time over the measured
 * pass, from /proc): steadier than latency when other work shares the cores; and the load
 * generator's own (the 100 SDK clients share this process and the machine's two cores with the server).
 * Options: --sessions N (100), --calls N per session (30), --passes N per server (5),
 * DATABASE_URL (the local test database).
 */
import 'reflect-metadata';
import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { loadavg } from 'node:os';
import { Readable } from 'node:stream';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { generateDemo } from '@hub/demo-data';
import { startCpuProfile } from './cpu-profile';
import { z } from 'zod';

const url = process.env['DATABASE_URL'] || 'postgres://postgres@127.0.0.1:5432/test';
const arg = (name: string, fallback: number) => (process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : fallback);
const SESSIONS = arg('--sessions', 100);
const CALLS = arg('--calls', 30);
const PASSES = arg('--passes', 5);
const KEY = 'bench-admin-key-not-a-secret';

/** A bare SDK server: stateful Streamable HTTP sessions in memory, each with a server `addTools` fills. */
function serveSdk(name: string, addTools: (mcp: McpServer) => void): void {
  const transports = new Map<string, StreamableHTTPServerTransport>();
  const server = createServer(async (request, response) => {
    const id = request.headers['mcp-session-id'] as string | undefined;
    let transport = id ? transports.get(id) : undefined;
    if (!transport) {
      transport = new StreamableHTTPServerTransport({ sessionIdGenerator: randomUUID, onsessioninitialized: (sid) => void transports.set(sid, transport!) });
      const mcp = new McpServer({ name, version: '1' });
      addTools(mcp);
      await mcp.connect(transport);
    }
    await transport.handleRequest(request, response);
  });
  server.listen(0, '127.0.0.1', () => process.send!({ port: (server.address() as { port: number }).port }));
}

/** Child: the bare SDK server with one no-op tool. */
async function serveBare(): Promise<void> {
  serveSdk('bare', (mcp) => {
    mcp.registerTool('noop', { description: 'Does nothing.', inputSchema: { id: z.number() } }, async () => ({ content: [{ type: 'text', text: 'ok' }] }));
  });
}

/** Child: the bare SDK server with a `get_contact` running the hub's query on the hub's schema. */
async function serveBareSql(schema: string): Promise<void> {
  const { Pool } = await import('pg');
  const { contactCardQuery } = await import('../src/modules/crm/crm-records.mcp-tools');
  const card = contactCardQuery(schema);
  const text = `SELECT ${card.select} FROM ${card.from} WHERE c.id = $1 LIMIT 1`;
  const pool = new Pool({ connectionString: url, max: 10 });
  serveSdk('bare-sql', (mcp) => {
    mcp.registerTool('get_contact', { description: 'One contact with its deals.', inputSchema: { id: z.number() } }, async ({ id }) => {
      const { rows } = await pool.query({ name: 'bench_contact_card', text, values: [id] });
      return { content: [{ type: 'text', text: JSON.stringify(rows[0] ?? null) }] };
    });
  });
  process.on('disconnect', () => void pool.end().finally(() => process.exit(0)));
}

/** Child: the hub on a fresh schema holding the medium demo data. */
async function serveHub(schema: string): Promise<void> {
  const { loadHubConfig } = await import('../src/core/config/hub-config');
  const { openDatabase } = await import('../src/core/database/database-connection');
  const { initializeHubDataSource } = await import('../src/core/database/hub-data-source');
  const { importBundle } = await import('../src/modules/bundles/bundle-importer');
  const { createHubApp } = await import('../src/server/create-hub-app');
  const config = loadHubConfig({
    DATABASE_URL: url, HUB_DB_SCHEMA: schema, HUB_DEMO: 'off', LOG_LEVEL: 'error', HUB_ADMIN_KEY: KEY,
    HUB_RATE_LIMIT_PER_MINUTE: '1000000', HUB_REDIS_PREFIX: `bench-${process.pid}`, HUB_WORKERS: '0',
  });
  const handle = await openDatabase(config.database, 'own');
  const dataSource = await initializeHubDataSource(handle);
  const { records } = generateDemo({ size: 'medium', seed: 7 });
  const lines = Readable.from((function* () {
    for (const record of records) yield Buffer.from(`${JSON.stringify(record)}\n`);
  })());
  const imported = await importBundle(dataSource, lines);
  const [{ max }] = await dataSource.query(`SELECT max(id)::int AS max FROM ${schema}.contacts`);
  const app = await createHubApp(config, handle, dataSource);
  await app.listen(0, '127.0.0.1');
  // With HUB_BENCH_CPU_PROFILE=dir: the hub's CPU profile from here to its stop, the import left out.
  const profiled = await startCpuProfile('mcp-hub');
  process.send!({ port: (app.getHttpServer().address() as { port: number }).port, contacts: max, records: imported.records });
  const stop = async () => {
    await profiled?.();
    await app.close();
    await dataSource.query(`DROP SCHEMA "${schema}" CASCADE`);
    await dataSource.destroy();
    process.exit(0);
  };
  process.on('message', () => void stop());
  process.on('disconnect', () => void stop()); // the parent failed: still drop the schema

}

function start(mode: string, ...args: string[]): Promise<{ child: ChildProcess; info: { port: number; contacts?: number; records?: number } }> {
  const child = fork(__filename, [mode, ...args], { execArgv: ['--max-semi-space-size=32', '-r', '@swc-node/register'] });
  child.on('exit', (code, signal) => {
    if (code !== 0) console.error(`${mode} exited (code ${code}, signal ${signal})`);
  });
  return new Promise((resolve, reject) => {
    child.once('message', (info) => resolve({ child, info: info as { port: number } }));
    child.once('exit', (code) => reject(new Error(`${mode} exited with ${code}`)));
  });
}

/** A process's user + system CPU time in ms (Linux /proc; NaN elsewhere). */
function cpuMsOf(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in clock ticks (USER_HZ 100)
  } catch {
    return NaN;
  }
}

/** SESSIONS clients, each calling `tool` CALLS times in a row; all sessions at once. `server`: the pid whose CPU is counted. */
async function load(endpoint: string, tool: string, maxId: number, headers: Record<string, string>, server?: number) {
  const clients = await Promise.all(Array.from({ length: SESSIONS }, async () => {
    const client = new Client({ name: 'bench', version: '1' });
    await client.connect(new StreamableHTTPClientTransport(new URL(endpoint), { requestInit: { headers } }));
    return client;
  }));
  const latencies: number[] = [];
  let errors = 0;
  const cpuBefore = cpuMsOf(server);
  const clientCpu = process.cpuUsage();
  const started = performance.now();
  await Promise.all(clients.map(async (client) => {
    for (let i = 0; i < CALLS; i++) {
      const begin = performance.now();
      try {
        const result = await client.callTool({ name: tool, arguments: { id: 1 + Math.floor(Math.random() * maxId) } });
        latencies.push(performance.now() - begin);
        if (result.isError) errors++;
      } catch (error) {
        // Counted, not fatal: e.g. a keep-alive socket the server closed as the client reused it.
        errors++;
        if (errors <= 3) console.error(`${tool}: ${(error as Error).message} ${String((error as Error).cause ?? '')}`);
      }
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  const cpuPerCall = (cpuMsOf(server) - cpuBefore) / Math.max(1, latencies.length);
  const client = process.cpuUsage(clientCpu);
  const clientCpuPerCall = (client.user + client.system) / 1000 / Math.max(1, latencies.length);
  await Promise.all(clients.map((client) => client.close()));
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  return { calls: latencies.length, errors, perSecond: latencies.length / seconds, p50: at(0.5), p99: at(0.99), cpuPerCall, clientCpuPerCall };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

async function main(): Promise<void> {
  if (process.argv[2] === '--serve-bare') return serveBare();
  if (process.argv[2] === '--serve-hub') return serveHub(process.argv[3]!);
  if (process.argv[2] === '--serve-bare-sql') return serveBareSql(process.argv[3]!);
  const schema = `bench_mcp_${process.pid}`;
  const hub = await start('--serve-hub', schema);
  const bare = await start('--serve-bare');
  const bareSql = await start('--serve-bare-sql', schema);
  console.log(`medium demo: ${hub.info.records} records; ${SESSIONS} sessions × ${CALLS} calls each, ${PASSES} passes per server`);
  const bareLoad = (pid?: number) => load(`http://127.0.0.1:${bare.info.port}/mcp`, 'noop', 100, {}, pid);
  const bareSqlLoad = (pid?: number) => load(`http://127.0.0.1:${bareSql.info.port}/mcp`, 'get_contact', hub.info.contacts!, {}, pid);
  const hubLoad = (pid?: number) => load(`http://127.0.0.1:${hub.info.port}/mcp`, 'get_contact', hub.info.contacts!, { authorization: `Bearer ${KEY}` }, pid);
  const line = (name: string, r: Awaited<ReturnType<typeof load>>) => `${name.padEnd(22)} ${r.calls} calls, ${r.errors} errors, ${r.perSecond.toFixed(0)} calls/s, p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, server CPU ${r.cpuPerCall.toFixed(2)} ms/call, load generator CPU ${r.clientCpuPerCall.toFixed(2)} ms/call`;
  // A warm-up of each, then the measured passes, rotating which goes first: one pass's p99 is its
  // 30th-slowest call, so single passes swing with whatever else the cores do.
  const servers = [
    { name: 'bare SDK, no-op tool', run: () => bareLoad(bare.child.pid), runs: [] as Awaited<ReturnType<typeof load>>[] },
    { name: 'bare SDK + same query', run: () => bareSqlLoad(bareSql.child.pid), runs: [] as Awaited<ReturnType<typeof load>>[] },
    { name: 'hub, get_contact', run: () => hubLoad(hub.child.pid), runs: [] as Awaited<ReturnType<typeof load>>[] },
  ];
  for (const server of servers) await server.run();
  console.log('all warmed up');
  for (let pass = 1; pass <= PASSES; pass++) {
    for (let i = 0; i < servers.length; i++) {
      const server = servers[(i + pass - 1) % servers.length]!;
      const r = await server.run();
      server.runs.push(r);
      console.log(`pass ${pass} ${line(server.name, r)} (load ${loadavg()[0]!.toFixed(1)})`);
    }
  }
  const summary = (runs: Awaited<ReturnType<typeof load>>[]) => ({
    calls: runs.reduce((sum, r) => sum + r.calls, 0), errors: runs.reduce((sum, r) => sum + r.errors, 0),
    perSecond: median(runs.map((r) => r.perSecond)), p50: median(runs.map((r) => r.p50)), p99: median(runs.map((r) => r.p99)),
    cpuPerCall: median(runs.map((r) => r.cpuPerCall)), clientCpuPerCall: median(runs.map((r) => r.clientCpuPerCall)),
  });
  console.log(`medians over ${PASSES} passes (calls and errors summed):`);
  for (const server of servers) console.log(line(server.name, summary(server.runs)));
  console.log(`load average ${loadavg().map((v) => v.toFixed(1)).join(' / ')} (1/5/15 min)`);
  const [bareRuns, sqlRuns, hubRuns] = servers.map((server) => server.runs) as [typeof servers[0]['runs'], typeof servers[0]['runs'], typeof servers[0]['runs']];
  const ratios = hubRuns.map((r, i) => r.p99 / bareRuns[i]!.p99);
  console.log(`hub p99 / bare p99 per pass: ${ratios.map((r) => `${r.toFixed(2)}x`).join(', ')}`);
  console.log(`hub p99 / bare p99 = ${(summary(hubRuns).p99 / summary(bareRuns).p99).toFixed(2)}x, ratio of the median p99s (target ≤ 1.5x); median of the per-pass ratios ${median(ratios).toFixed(2)}x`);
  const ownRatios = hubRuns.map((r, i) => r.p99 / sqlRuns[i]!.p99);
  console.log(`hub p99 / (bare SDK + same query) p99 = ${(summary(hubRuns).p99 / summary(sqlRuns).p99).toFixed(2)}x (the hub's own layers); per pass ${ownRatios.map((r) => `${r.toFixed(2)}x`).join(', ')}`);
  bareSql.child.kill();
  hub.child.send('stop');
  await new Promise((done) => hub.child.once('exit', done));
  bare.child.kill();
}

main().catch((error: Error) => {
  console.error(error.stack ?? error.message, error.cause ?? '');
  process.exit(1);
});
