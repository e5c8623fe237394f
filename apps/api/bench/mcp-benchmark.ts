/**
 * `npm run bench:mcp`: 100 concurrent MCP sessions (the SDK's Client over Streamable HTTP) calling
 * `get_contact` on the medium demo data, beside a bare SDK server with a no-op tool, in the same run.
 * Each server runs in a child process of its own; the load comes from this process. Prints calls/s
 * and p50/p99 latency of each, and the hub's p99 against the bare one (target ≤ 1.5x).
 * Also prints each server's CPU time per call (its process's user + system time over the measured
 * pass, from /proc): steadier than latency when other work shares the cores.
 * Options: --sessions N (100), --calls N per session (30), DATABASE_URL (the local test database).
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
import { z } from 'zod';

const url = process.env['DATABASE_URL'] || 'postgres://postgres@127.0.0.1:5432/test';
const arg = (name: string, fallback: number) => (process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : fallback);
const SESSIONS = arg('--sessions', 100);
const CALLS = arg('--calls', 30);
const KEY = 'bench-admin-key-not-a-secret';

/** Child: the bare SDK server, stateful sessions in memory, one no-op tool. */
async function serveBare(): Promise<void> {
  const transports = new Map<string, StreamableHTTPServerTransport>();
  const server = createServer(async (request, response) => {
    const id = request.headers['mcp-session-id'] as string | undefined;
    let transport = id ? transports.get(id) : undefined;
    if (!transport) {
      transport = new StreamableHTTPServerTransport({ sessionIdGenerator: randomUUID, onsessioninitialized: (sid) => void transports.set(sid, transport!) });
      const mcp = new McpServer({ name: 'bare', version: '1' });
      mcp.registerTool('noop', { description: 'Does nothing.', inputSchema: { id: z.number() } }, async () => ({ content: [{ type: 'text', text: 'ok' }] }));
      await mcp.connect(transport);
    }
    await transport.handleRequest(request, response);
  });
  server.listen(0, '127.0.0.1', () => process.send!({ port: (server.address() as { port: number }).port }));
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
  process.send!({ port: (app.getHttpServer().address() as { port: number }).port, contacts: max, records: imported.records });
  const stop = async () => {
    await app.close();
    await dataSource.query(`DROP SCHEMA "${schema}" CASCADE`);
    await dataSource.destroy();
    process.exit(0);
  };
  process.on('message', () => void stop());
  process.on('disconnect', () => void stop()); // the parent failed: still drop the schema

}

function start(mode: string, ...args: string[]): Promise<{ child: ChildProcess; info: { port: number; contacts?: number; records?: number } }> {
  const profile = process.env['HUB_BENCH_CPU_PROFILE'] ? ['--cpu-prof', `--cpu-prof-dir=${process.env['HUB_BENCH_CPU_PROFILE']}`] : [];
  const child = fork(__filename, [mode, ...args], { execArgv: ['--max-semi-space-size=32', '-r', '@swc-node/register', ...profile] });
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
  await Promise.all(clients.map((client) => client.close()));
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  return { calls: latencies.length, errors, perSecond: latencies.length / seconds, p50: at(0.5), p99: at(0.99), cpuPerCall };
}

async function main(): Promise<void> {
  if (process.argv[2] === '--serve-bare') return serveBare();
  if (process.argv[2] === '--serve-hub') return serveHub(process.argv[3]!);
  const hub = await start('--serve-hub', `bench_mcp_${process.pid}`);
  const bare = await start('--serve-bare');
  console.log(`medium demo: ${hub.info.records} records; ${SESSIONS} sessions × ${CALLS} calls each`);
  const rows: [string, Awaited<ReturnType<typeof load>>][] = [];
  // A warm-up of each, then the measured runs, alternating.
  await load(`http://127.0.0.1:${bare.info.port}/mcp`, 'noop', 100, {});
  console.log('bare warmed up');
  await load(`http://127.0.0.1:${hub.info.port}/mcp`, 'get_contact', hub.info.contacts!, { authorization: `Bearer ${KEY}` });
  console.log('hub warmed up');
  rows.push(['bare SDK, no-op tool', await load(`http://127.0.0.1:${bare.info.port}/mcp`, 'noop', 100, {}, bare.child.pid)]);
  rows.push(['hub, get_contact', await load(`http://127.0.0.1:${hub.info.port}/mcp`, 'get_contact', hub.info.contacts!, { authorization: `Bearer ${KEY}` }, hub.child.pid)]);
  for (const [name, r] of rows) {
    console.log(`${name.padEnd(22)} ${r.calls} calls, ${r.errors} errors, ${r.perSecond.toFixed(0)} calls/s, p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, server CPU ${r.cpuPerCall.toFixed(2)} ms/call`);
  }
  console.log(`load average ${loadavg().map((v) => v.toFixed(1)).join(' / ')} (1/5/15 min)`);
  console.log(`hub p99 / bare p99 = ${(rows[1]![1].p99 / rows[0]![1].p99).toFixed(2)}x (target ≤ 1.5x)`);
  hub.child.send('stop');
  await new Promise((done) => hub.child.once('exit', done));
  bare.child.kill();
}

main().catch((error: Error) => {
  console.error(error.stack ?? error.message, error.cause ?? '');
  process.exit(1);
});
