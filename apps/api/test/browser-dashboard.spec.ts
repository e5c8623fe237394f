import { join } from 'node:path';
import { QUEUES, type AuditPage, type LeadListPage, type LeadModelRegistryView, type OverviewTrendsView, type OverviewView } from '@hub/contracts';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS } from './support/browser';
import { startDashboardHarness, type DashboardHarness } from './support/dashboard-harness';
import { moneyInPage, recordStates, seriousAxeViolations, signIn, startHeldInQueue, waitForPage } from './support/dashboard-page';
import { readJson, TEST_ADMIN_KEY, type Json, type TestApp } from './support/test-app';

const PAGES = [
  { path: '/', title: 'Overview', nav: 'Overview' },
  { path: '/leads', title: 'Leads', nav: 'Leads' },
  { path: '/pipeline', title: 'Pipeline & Forecast', nav: 'Pipeline & Forecast' },
  { path: '/customers', title: 'Customers', nav: 'Customers' },
  { path: '/inbox', title: 'Inbox', nav: 'Inbox' },
  { path: '/meetings', title: 'Meetings', nav: 'Meetings' },
  { path: '/ask', title: 'Ask', nav: 'Ask' },
  { path: '/jobs', title: 'Jobs', nav: 'Jobs' },
  { path: '/audit', title: 'Audit', nav: 'Audit' },
  { path: '/settings', title: 'Settings', nav: 'Settings' },
];

describe('the dashboard in a browser, on the small demo data (headless Chromium)', () => {
  let hub: TestApp;
  let browser: Browser;
  let page: Page;
  const api = async <T = Json>(path: string, key = TEST_ADMIN_KEY): Promise<T> =>
    readJson(await fetch(`${hub.url}/api${path}`, { headers: { authorization: `Bearer ${key}` } }));
  const open = async (path: string, title: string) => {
    await page.goto(`${hub.url}${path}`);
    await waitForPage(page, title);
  };

  let harness: DashboardHarness | undefined;
  beforeAll(async () => {
    harness = await startDashboardHarness();
    ({ hub, browser, page } = harness);
  }, 240_000);
  afterAll(async () => harness?.close());

  it('serves the page for client-side routes, but not for the API or missing files', async () => {
    const deep = await fetch(`${hub.url}/leads?contact=5`);
    expect(deep.status).toBe(200);
    expect(await deep.text()).toContain('<div id="root">');
    expect((await fetch(`${hub.url}/assets/missing-chunk.js`)).status).toBe(404);
    const api404 = await fetch(`${hub.url}/api/no-such-thing`);
    expect(api404.status).toBe(404);
    expect(api404.headers.get('content-type')).toMatch(/problem\+json/);
  });

  it('refuses a wrong key, then signs in and shows the Overview with the API\'s figures', async () => {
    await page.goto(hub.url);
    await page.fill('input[name=key]', 'shk_wrong_key');
    await page.click('button[type=submit]');
    await expect.poll(() => page.locator('[role=alert]').textContent()).toMatch(/Not signed in/);
    await signIn(page, TEST_ADMIN_KEY);
    await waitForPage(page, 'Overview');
    const view = await api<OverviewView>('/overview');
    expect(view.openPipeline.length).toBeGreaterThan(0);
    for (const entry of view.openPipeline) {
      const shown = await page.locator(`[data-testid=kpi-open-pipeline] li[data-currency=${entry.currency}]`).textContent();
      expect(shown).toBe(await moneyInPage(page, entry.amount, entry.currency));
    }
    const newLeads = await page.locator('[data-testid=kpi-new-leads] .kpi-value').textContent();
    expect(Number(newLeads!.replace(/\D/g, ''))).toBe(view.newLeads.thisMonth);
    const winRate = await page.locator('[data-testid=kpi-win-rate] .kpi-value').textContent();
    expect(Number.parseFloat(winRate!)).toBeCloseTo(view.winRate90d.rate! * 100, 1);
    // No forecast run yet: the expected-revenue KPI says so (the forecast page offers to compute one).
    expect(await page.locator('[data-testid=kpi-expected-revenue] .kpi-value').textContent()).toBe('No forecast yet');
    expect(await page.getByText('Customer insights not available yet').count()).toBe(1);

    // The trend charts (split off, loaded after the figures): a month per point, as the API gives them.
    const trends = await api<OverviewTrendsView>('/overview/trends');
    const chart = page.locator('figure[aria-label="New leads, deals won and win rate by month"]');
    await chart.locator('.recharts-wrapper').waitFor();
    expect(await chart.locator('figcaption li').evaluateAll((items) => items.map((li) => li.getAttribute('data-month'))))
      .toEqual(trends.months.map((m) => m.month));
    const nonZero = trends.months.filter((m) => m.newLeads > 0).length + trends.months.filter((m) => m.won > 0).length;
    expect(nonZero).toBeGreaterThan(0);
    expect(await chart.locator('.recharts-bar-rectangle path').count()).toBe(nonZero);
    // (recharts orders legend items by name)
    expect((await chart.locator('.recharts-legend-item').allTextContents()).sort()).toEqual(['Deals won', 'New leads', 'Win rate']);
    const amounts = page.locator('figure[aria-label="Won amount by month, per currency"]');
    await amounts.locator('.recharts-wrapper').waitFor();
    expect((await amounts.locator('.recharts-legend-item').allTextContents()).sort()).toEqual([...trends.currencies].sort());
    expect(await amounts.locator('.recharts-line').count()).toBe(trends.currencies.length);
  });

  it('trains a lead model from the Leads page and shows its progress live, then the scored leads', async () => {
    await page.click('nav[aria-label=Main] >> text=Leads');
    await waitForPage(page, 'Leads');
    await page.waitForSelector('text=No open lead has a score yet');
    const states = await recordStates(page, '[data-testid=train] [data-state]');
    await startHeldInQueue(hub, QUEUES.training, page, () => page.click('text=Train a new model'), '[data-testid=train] [data-state]');
    const seen = new Set(await states.ended());
    expect([...seen]).toContain('completed');
    expect(seen.has('active') || seen.has('waiting')).toBe(true);
    await page.waitForSelector('text=Training finished: lead-score@1 is active');

    const registry = await api<LeadModelRegistryView>('/models/lead-score');
    const leads = await api<LeadListPage>('/leads?page=1&page_size=25');
    expect(leads.total).toBeGreaterThan(0);
    // The page refreshes itself when the job completes; no reload.
    await expect.poll(() => page.locator('[data-testid=leads-total]').textContent(), { timeout: 20_000 }).toMatch(String(leads.total).slice(0, 1));
    const total = await page.locator('[data-testid=leads-total]').textContent();
    expect(Number(total!.replace(/\D/g, ''))).toBe(leads.total);
    const scores = await page.locator('.leads-table td[data-score]').allTextContents();
    expect(scores.map(Number)).toEqual(leads.items.map((lead) => lead.score));
    const auc = await page.locator('[data-metric="ROC AUC"] dd').textContent();
    expect(Number.parseFloat(auc!)).toBeCloseTo(registry.active!.metrics.test.rocAuc!, 3);
    expect(await page.locator('.chart[aria-label="Calibration on held-out leads"] svg').count()).toBeGreaterThan(0);

    // A lead's factors: its waterfall, and the score the API gives.
    const first = leads.items[0]!;
    const sent: string[] = [];
    const record = (request: { method: () => string; url: () => string }) => void sent.push(`${request.method()} ${new URL(request.url()).pathname}`);
    page.on('request', record);
    await page.click(`.leads-table tr[data-contact-id="${first.contact_id}"] button`);
    await page.waitForSelector('[data-testid=explained-score]');
    page.off('request', record);
    expect(Number(await page.locator('[data-testid=explained-score]').textContent())).toBe(first.score);
    expect(await page.locator('.chart[aria-label^="How each factor"] .recharts-bar-rectangle').count()).toBeGreaterThan(2);
    // Opening the view reads the stored score: nothing is rescored (no scoring POST, so no audit row).
    expect(sent).toContain(`GET /api/leads/${first.contact_id}`);
    expect(sent.filter((line) => line.startsWith('POST'))).toEqual([]);

    // Sorting is the hub's: a header press orders every lead, a second press (from the keyboard) reverses it.
    const shownIds = () => page.locator('.leads-table tbody tr').evaluateAll((rows) => rows.map((row) => Number(row.getAttribute('data-contact-id'))));
    const nameHeader = page.locator('.leads-table th:has(button[data-sort=name])');
    expect(await nameHeader.getAttribute('aria-sort')).toBe('none');
    await page.click('.leads-table button[data-sort=name]');
    const byName = await api<LeadListPage>('/leads?page=1&page_size=25&sort=name&order=asc');
    await expect.poll(shownIds).toEqual(byName.items.map((lead) => lead.contact_id));
    expect(await nameHeader.getAttribute('aria-sort')).toBe('ascending');
    expect(await page.locator('.leads-table th:has(button[data-sort=score])').getAttribute('aria-sort')).toBe('none');
    await page.focus('.leads-table button[data-sort=name]');
    await page.keyboard.press('Enter');
    const byNameDesc = await api<LeadListPage>('/leads?page=1&page_size=25&sort=name&order=desc');
    await expect.poll(shownIds).toEqual(byNameDesc.items.map((lead) => lead.contact_id));
    expect(await nameHeader.getAttribute('aria-sort')).toBe('descending');
  });

  it('shows the training job in the Jobs history, done, and the audit log as the API gives it', async () => {
    await open('/jobs', 'Jobs');
    // (A scheduled retrain may also wait there, delayed: the one started from the page is done.)
    const job = page.locator('.jobs li[data-state=completed]', { hasText: 'train-lead-model' });
    expect(await job.count()).toBe(1);
    expect(await job.locator('progress').getAttribute('value')).toBe('100');

    await open('/audit', 'Audit');
    const ids = await page.locator('.audit-table tr[data-audit-id]').evaluateAll((rows) => rows.map((row) => Number(row.getAttribute('data-audit-id'))));
    const audit = await api<AuditPage>('/audit?limit=25');
    expect(ids.length).toBeGreaterThan(0);
    expect(ids).toEqual(audit.items.map((entry) => entry.id));
    await page.fill('input[name=operation]', 'lead.model.train.request');
    await page.click('text=Apply filters');
    await expect.poll(() => page.locator('.audit-table tbody tr').count()).toBe(1);
    expect(await page.locator('.audit-table tbody tr code').textContent()).toBe('lead.model.train.request');
    await page.selectOption('select[name=outcome]', 'denied');
    await page.click('text=Apply filters');
    await page.waitForSelector('text=No entries match these filters.');
  });

  it('creates a read-only key in Settings; with it, navigation hides Audit and Settings', async () => {
    await open('/settings', 'Settings');
    await page.fill('input[name=name]', 'Viewer');
    await page.click('text=Create key');
    const key = (await page.locator('[data-testid=new-key]').textContent())!;
    expect(key).toMatch(/^shk_/);
    await page.waitForSelector('tr:has-text("Viewer")');
    await page.waitForSelector('tr[data-version="1"]:has-text("scoring now")');

    const reader = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await reader.goto(hub.url);
    await signIn(reader, key);
    await waitForPage(reader, 'Overview');
    const nav = await reader.locator('nav[aria-label=Main] a').allTextContents();
    expect(nav).toEqual(PAGES.filter((p) => !['Audit', 'Settings'].includes(p.nav)).map((p) => p.nav));
    expect(await reader.locator('text=Train a new model').count()).toBe(0);
    await reader.screenshot({ path: join(ARTIFACTS, 'dashboard-overview-phone-read-key.png'), fullPage: true });
    await reader.goto(`${hub.url}/audit`);
    await reader.waitForSelector('h1:text-is("Not here")');
    await reader.close();
  });

  it('renders every page without serious accessibility violations, light and dark, and saves screenshots', async () => {
    const failures: string[] = [];
    const contactId = (await api<LeadListPage>('/leads?page_size=1')).items[0]!.contact_id;
    await open(`/leads?contact=${contactId}`, 'Leads');
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      // The five "not available yet" pages share one component: in dark, one of them stands for all.
      for (const target of scheme === 'light' ? PAGES : PAGES.filter((p) => !['/customers', '/inbox', '/meetings', '/ask'].includes(p.path))) {
        // Client-side navigation, as a user moves: the pages' chunks and data come in as they would.
        await page.click(`nav[aria-label=Main] a:text-is("${target.nav}")`);
        await waitForPage(page, target.title);
        if (target.path === '/leads') {
          await page.click(`.leads-table tr[data-contact-id="${contactId}"] button`);
          await page.waitForSelector('[data-testid=explained-score]');
        }
        if (target.path === '/pipeline') expect(await page.locator('[data-testid=no-forecast-run]').textContent()).toMatch(/No forecast has been computed yet/);
        if (['/customers', '/inbox', '/meetings', '/ask'].includes(target.path)) {
          expect(await page.locator('[data-testid=not-available]').textContent()).toMatch(/is not available yet/);
        }
        const name = target.path === '/' ? 'overview' : target.path.slice(1);
        await page.screenshot({ path: join(ARTIFACTS, `dashboard-${name}-${scheme}.png`), fullPage: true });
        // Every rule in light; in dark only what the colours change.
        for (const violation of await seriousAxeViolations(page, scheme === 'dark' ? ['color-contrast'] : undefined)) {
          failures.push(`${target.path} (${scheme}): ${violation.id} ${violation.impact}: ${violation.help} at ${JSON.stringify(violation.nodes)}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });
});
