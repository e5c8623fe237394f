import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleText, company, contact } from './support/bundle-fixtures';
import { ARTIFACTS, buildDashboard, launchChromium } from './support/browser';
import { startTestApp, startTestWorker, TEST_ADMIN_KEY, type TestApp } from './support/test-app';

describe('live job progress in a browser (headless Chromium)', () => {
  let hub: TestApp;
  let browser: Browser;
  let worker: { close(): Promise<void> } | undefined;
  beforeAll(async () => {
    buildDashboard();
    hub = await startTestApp('postgres');
    browser = await launchChromium();
    mkdirSync(ARTIFACTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await worker?.close();
    await hub?.close();
  });

  it('signs in with a key, starts an import job from a file and shows its progress bar moving to done, in another tab and after a reload too', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    // A deep link: the hub serves the dashboard for its client-side routes, and keeps the route through sign-in.
    await page.goto(`${hub.url}/jobs`);
    await page.fill('input[name=key]', TEST_ADMIN_KEY);
    await page.click('button[type=submit]');
    await page.waitForSelector('section[aria-label=Jobs]');
    const lines = [company(1), ...Array.from({ length: 60_000 }, (_, index) => contact(10 + index, 1))];
    await page.setInputFiles('input[name=bundle]', { name: 'crm.ndjson', mimeType: 'application/x-ndjson', buffer: Buffer.from(bundleText(lines)) });
    await page.click('text=Start import');
    await page.waitForSelector('.jobs li[data-state=waiting], .jobs li[data-state=delayed]');
    // Another tab (its own sign-in: keys live in each tab's session storage) sees the same job.
    const other = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await other.goto(`${hub.url}/jobs`);
    await other.fill('input[name=key]', TEST_ADMIN_KEY);
    await other.click('button[type=submit]');
    await other.waitForSelector('.jobs li[data-state=waiting], .jobs li[data-state=delayed]');
    // A reload while the job is under way keeps the session and picks the job up again.
    await page.reload();
    await page.waitForSelector('.jobs li[data-state=waiting], .jobs li[data-state=delayed]');
    // The worker starts only now, so both pages must follow the job live, from waiting to done.
    worker = await startTestWorker(hub);
    const seen = new Set<string>();
    const item = page.locator('.jobs li', { hasText: 'import-bundle' });
    for (let tick = 0; tick < 600; tick++) {
      const state = await item.getAttribute('data-state');
      seen.add(`${state}`);
      if (state === 'completed') break;
      await page.waitForTimeout(100);
    }
    await page.screenshot({ path: join(ARTIFACTS, 'jobs-completed.png') });
    expect(seen.has('completed')).toBe(true);
    expect(await item.locator('progress').getAttribute('value')).toBe('100');
    const otherItem = other.locator('.jobs li[data-state=completed]', { hasText: 'import-bundle' });
    await otherItem.waitFor({ timeout: 10_000 });
    expect(await otherItem.locator('progress').getAttribute('value')).toBe('100');
    await other.close();
    const rows = await hub.store.dataSource.query(`SELECT count(*)::int AS n FROM "${hub.store.schema}".contacts`);
    expect(rows[0].n).toBe(60_000);
  });
});
