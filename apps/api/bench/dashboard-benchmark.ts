/**
 * `npm run bench:dashboard`: builds the dashboard and prints its initial JavaScript (gzipped: what
 * index.html loads before any page chunk), then boots the hub over a fresh schema of real
 * PostgreSQL with demo data, trains the lead model, and measures in headless Chromium how long the
 * Overview takes from navigation to its figures on screen (a fresh browser context each run: cold
 * cache, as a first visit). Options: --size small|medium|large (default large), --runs N (default 5),
 * --no-train. DATABASE_URL (default the local test database), REDIS_URL as the hub reads it.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { DemoSize } from '@hub/demo-data';
import { loadDemoIntoStore } from '../src/cli/demo-command';
import { loadHubConfig } from '../src/core/config/hub-config';
import { openDatabase } from '../src/core/database/database-connection';
import { initializeHubDataSource } from '../src/core/database/hub-data-source';
import { LeadScoringEngine } from '../src/modules/lead-scoring/lead-scoring.engine';
import { createHubApp, WEB_DIST } from '../src/server/create-hub-app';
import { buildDashboard, launchChromium } from '../test/support/browser';

const url = process.env['DATABASE_URL'] || 'postgres://postgres@127.0.0.1:5432/test';
const option = (name: string, fallback: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1]! : fallback);
const size = option('--size', 'large') as DemoSize;
const runs = Number(option('--runs', '5'));
const train = !process.argv.includes('--no-train');
const ADMIN_KEY = `bench-${randomBytes(8).toString('hex')}`;
const INITIAL_JS_BUDGET = 250 * 1024;
const OVERVIEW_BUDGET_MS = 1500;
const check = (ok: boolean) => (ok ? 'met' : 'NOT met');

/** The scripts index.html loads at once: its entry module and the modules it preloads. */
function initialJavaScript(): { files: { name: string; gzip: number }[]; total: number } {
  const html = readFileSync(join(WEB_DIST, 'index.html'), 'utf8');
  const sources = [...html.matchAll(/<script[^>]+src="([^"]+\.js)"|<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g)].map((m) => m[1] ?? m[2]!);
  const files = sources.map((source) => ({ name: source, gzip: gzipSync(readFileSync(join(WEB_DIST, source))).length }));
  return { files, total: files.reduce((sum, file) => sum + file.gzip, 0) };
}

async function main() {
  buildDashboard();
  const initial = initialJavaScript();
  console.log(`Initial JavaScript: ${(initial.total / 1024).toFixed(1)} KB gzipped in ${initial.files.length} files (target <= 250 KB: ${check(initial.total <= INITIAL_JS_BUDGET)})`);
  for (const file of initial.files) console.log(`  ${file.name}  ${(file.gzip / 1024).toFixed(1)} KB`);

  const schema = `bench_dashboard_${process.pid}`;
  const settings = { kind: 'postgres' as const, url, schema, poolSize: 5 };
  const handle = await openDatabase(settings, 'own');
  const dataSource = await initializeHubDataSource(handle);
  const config = { ...loadHubConfig({ ...process.env, LOG_LEVEL: 'warn', HUB_REDIS_PREFIX: schema, HUB_ADMIN_KEY: ADMIN_KEY }), database: settings };
  let app: Awaited<ReturnType<typeof createHubApp>> | undefined;
  try {
    let at = performance.now();
    const imported = await loadDemoIntoStore(dataSource, { size, seed: 42 });
    console.log(`Demo data (${size}, seed 42): ${imported.records.toLocaleString('en')} records loaded in ${((performance.now() - at) / 1000).toFixed(1)} s`);
    if (train) {
      // As `hub train lead-score` does, before the API listens: training is CPU-bound.
      at = performance.now();
      const result = await new LeadScoringEngine(dataSource).train('bench', {});
      console.log(`Lead model: ${result.version?.label ?? 'rules'}, ${result.rescored.toLocaleString('en')} open leads scored, in ${((performance.now() - at) / 1000).toFixed(1)} s`);
    }
    app = await createHubApp(config, handle, dataSource);
    await app.listen(0, '127.0.0.1');
    const base = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
    const auth = { authorization: `Bearer ${ADMIN_KEY}` };

    const api: number[] = [];
    for (let run = 0; run < runs; run++) {
      at = performance.now();
      await (await fetch(`${base}/api/overview`, { headers: auth })).json();
      api.push(performance.now() - at);
    }

    const browser = await launchChromium();
    const ready: number[] = [];
    try {
      for (let run = 0; run < runs; run++) {
        const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
        await context.addInitScript(`sessionStorage.setItem('hub.apiKey', ${JSON.stringify(ADMIN_KEY)})`);
        const page = await context.newPage();
        await page.goto(`${base}/`);
        await page.waitForSelector('[data-ready=overview]');
        // From the start of the navigation (performance.timeOrigin) to the figures on screen.
        ready.push(await page.evaluate(() => performance.now()));
        if (process.argv.includes('--verbose')) {
          const timings = await page.evaluate<string[]>(`performance.getEntriesByType('resource').map((entry) =>
            entry.name.replace(location.origin, '') + ' ' + entry.startTime.toFixed(0) + '→' + entry.responseEnd.toFixed(0) + ' ms')`);
          console.log(`  run ${run + 1}: ready at ${ready[run]!.toFixed(0)} ms\n    ${timings.join('\n    ')}`);
        }
        await context.close();
      }
    } finally {
      await browser.close();
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    console.log(`GET /api/overview: median ${median(api).toFixed(0)} ms over ${runs} calls (max ${Math.max(...api).toFixed(0)} ms)`);
    console.log(`Overview ready in the browser (cold context): median ${median(ready).toFixed(0)} ms, max ${Math.max(...ready).toFixed(0)} ms over ${runs} runs (target <= ${OVERVIEW_BUDGET_MS} ms: ${check(median(ready) <= OVERVIEW_BUDGET_MS)})`);
    console.log(`Machine: ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  } finally {
    await app?.close();
    await dataSource.query(`DROP SCHEMA "${schema}" CASCADE`);
    await dataSource.destroy();
    await handle.close();
  }
}

main().catch((error: Error) => {
  console.error(error);
  process.exit(1);
});
