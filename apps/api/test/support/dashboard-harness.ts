import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { loadDemoIntoStore } from '../../src/cli/demo-command';
import { ARTIFACTS, buildDashboard, launchChromium } from './browser';
import { spawnTestWorker, startTestApp, type TestApp } from './test-app';

export interface DashboardHarness {
  hub: TestApp;
  browser: Browser;
  /** A 1280 × 900 page, not yet on the hub. */
  page: Page;
  close(): Promise<void>;
}

/**
 * What a dashboard browser suite runs against: the built dashboard served by one app on real
 * PostgreSQL with the small demo data (seed 42), a worker in a process of its own, and Chromium.
 */
export async function startDashboardHarness(): Promise<DashboardHarness> {
  const started = Date.now();
  buildDashboard();
  const hub = await startTestApp('postgres');
  await loadDemoIntoStore(hub.store.dataSource, { size: 'small', seed: 42 });
  const worker = spawnTestWorker(hub);
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  mkdirSync(ARTIFACTS, { recursive: true });
  console.info(`dashboard harness (build, app, demo, browser, worker): ${Date.now() - started} ms`);
  return {
    hub, browser, page,
    async close() {
      await browser.close();
      await worker.close();
      await hub.close();
    },
  };
}
