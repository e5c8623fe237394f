import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import baseline from './mcp-conformance.baseline.json';
import { McpConformanceFixturesModule } from './support/mcp-conformance.fixtures';
import { startTestApp, type TestApp, TEST_ADMIN_KEY } from './support/test-app';
import { isPostgresAvailable } from './support/test-store';

/** The official suite, pinned; run with Node 22 from npx, never from the root package.json. */
const SUITE = ['-y', '-p', 'node@22', '-p', '@modelcontextprotocol/conformance@0.1.16', 'conformance', 'server'];
const SUITE_TIMEOUT_MS = 600_000;

interface Check {
  id: string;
  status: 'SUCCESS' | 'FAILURE' | 'WARNING' | 'INFO';
  errorMessage?: string;
}

/**
 * The suite cannot send an Authorization header, so a pass-through proxy adds the test key: every
 * scenario still crosses the hub's Host/Origin checks, auth, rate limit, sessions and factory.
 */
function authProxy(target: string): Promise<{ server: Server; url: string }> {
  const upstream = new URL(target);
  const server = createServer((incoming, outgoing) => {
    const forward = httpRequest({
      host: upstream.hostname, port: upstream.port, path: incoming.url, method: incoming.method,
      headers: { ...incoming.headers, authorization: incoming.headers.authorization ?? `Bearer ${TEST_ADMIN_KEY}` },
    }, (answer) => {
      outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(outgoing);
    });
    forward.on('error', () => outgoing.destroy());
    outgoing.on('close', () => forward.destroy());
    incoming.pipe(forward);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    resolve({ server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}` });
  }));
}

function runSuite(url: string, outputDir: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', [...SUITE, '--url', url, '-o', outputDir], { cwd: tmpdir(), env: process.env });
    let output = '';
    child.stdout.on('data', (part: Buffer) => (output += part.toString()));
    child.stderr.on('data', (part: Buffer) => (output += part.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

/** Checks by scenario, from `<dir>/server-<scenario>-<timestamp>/checks.json`. */
async function results(outputDir: string): Promise<Map<string, Check[]>> {
  const byScenario = new Map<string, Check[]>();
  for (const entry of await readdir(outputDir)) {
    const scenario = entry.replace(/^server-/, '').replace(/-\d{4}-\d{2}-\d{2}T[\d-]+Z$/, '');
    byScenario.set(scenario, JSON.parse(await readFile(join(outputDir, entry, 'checks.json'), 'utf8')) as Check[]);
  }
  return byScenario;
}

describe.skipIf(!(await isPostgresAvailable()))('the official MCP conformance suite against /mcp', () => {
  let hub: TestApp;
  let proxy: { server: Server; url: string };
  let outputDir: string;

  beforeAll(async () => {
    hub = await startTestApp('postgres', { HUB_RATE_LIMIT_PER_MINUTE: '100000' }, [McpConformanceFixturesModule]);
    proxy = await authProxy(hub.url);
    outputDir = await mkdtemp(join(tmpdir(), 'mcp-conformance-'));
  });
  afterAll(async () => {
    proxy?.server.close();
    await hub?.close();
    if (outputDir) await rm(outputDir, { recursive: true, force: true });
  });

  it('passes every server scenario, or the baseline says why not', async () => {
    const run = await runSuite(`${proxy.url}/mcp`, outputDir);
    const checks = await results(outputDir);
    // No results at all: the suite did not run (npm registry unreachable, npx failure): fail, never skip.
    expect(checks.size, `The conformance suite produced no results (exit ${run.code}):\n${run.output.slice(-3000)}`).toBeGreaterThan(20);

    const expected = baseline.server as Record<string, string>;
    const failing = [...checks].filter(([, list]) => list.some((check) => check.status === 'FAILURE')).map(([scenario]) => scenario).sort();
    const unexpected = failing.filter((scenario) => !(scenario in expected));
    const details = unexpected.map((scenario) => `${scenario}: ${checks.get(scenario)!.filter((c) => c.status === 'FAILURE').map((c) => `${c.id} ${c.errorMessage ?? ''}`).join('; ')}`);
    expect(unexpected, details.join('\n')).toEqual([]);
    // A baselined scenario that passes now must leave the baseline.
    const fixed = Object.keys(expected).filter((scenario) => checks.has(scenario) && !failing.includes(scenario));
    expect(fixed, 'these scenarios pass now: remove them from mcp-conformance.baseline.json').toEqual([]);
  }, SUITE_TIMEOUT_MS);
});
