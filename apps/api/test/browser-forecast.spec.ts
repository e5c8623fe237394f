import { join } from 'node:path';
import { QUEUES, type DealPredictionView, type DealRisksView, type ForecastReportView } from '@hub/contracts';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS } from './support/browser';
import { startDashboardHarness, type DashboardHarness } from './support/dashboard-harness';
import { moneyInPage, recordStates, seriousAxeViolations, signIn, startHeldInQueue, waitForPage } from './support/dashboard-page';
import { readJson, TEST_ADMIN_KEY, type Json, type TestApp } from './support/test-app';

const TITLE = 'Pipeline & Forecast';

const percentInPage = (page: Page, ratio: number) =>
  page.evaluate((r) => new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 }).format(r), ratio);

describe('the Pipeline & Forecast page in a browser, on the small demo data (headless Chromium)', () => {
  let hub: TestApp;
  let page: Page;
  const api = async <T = Json>(path: string): Promise<T> => readJson(await fetch(`${hub.url}/api${path}`, { headers: { authorization: `Bearer ${TEST_ADMIN_KEY}` } }));

  let harness: DashboardHarness | undefined;
  beforeAll(async () => {
    harness = await startDashboardHarness();
    ({ hub, page } = harness);
  }, 240_000);
  afterAll(async () => harness?.close());

  it('says plainly that no forecast exists yet, then computes one with the Recompute button, live', async () => {
    await page.goto(`${hub.url}/pipeline`);
    await signIn(page, TEST_ADMIN_KEY);
    await waitForPage(page, TITLE);
    expect(await page.locator('[data-testid=no-forecast-run]').textContent()).toMatch(/No forecast has been computed yet.*POST \/api\/forecast\/recompute/);
    expect(await page.locator('[data-testid=deal-model-method]').textContent()).toMatch(/stage rules/);
    await page.screenshot({ path: join(ARTIFACTS, 'forecast-no-run.png'), fullPage: true });

    const states = await recordStates(page, '[data-testid=no-forecast-run] [data-job=recompute-forecast]');
    await startHeldInQueue(hub, QUEUES.forecasting, page, () => page.click('[data-testid=no-forecast-run] button:text-is("Recompute the forecast")'),
      '[data-testid=no-forecast-run] [data-job=recompute-forecast]');
    const seen = new Set(await states.ended());
    expect(seen.has('active') || seen.has('waiting'), [...seen].join()).toBe(true);
    expect(seen.has('failed')).toBe(false);
    // The finished job makes the forecast stale: the page fetches it and shows it in place of the notice, with no reload.
    await page.waitForSelector('[data-ready=forecast]', { timeout: 20_000 });
    expect(await page.locator('h1 + p').textContent()).toMatch(/win chances from deal-rules@1/);
  });

  it('trains a deal-win model from the page, following the training and the recompute after it live', async () => {
    const card = page.locator('[data-testid=train-deal-win]');
    const trainingStates = await recordStates(page, '[data-testid=train-deal-win] [data-job=train-deal-win]');
    const recomputeStates = await recordStates(page, '[data-testid=train-deal-win] [data-job=recompute-forecast]');
    await startHeldInQueue(hub, QUEUES.forecasting, page, () => card.locator('button').click(), '[data-testid=train-deal-win] [data-job=train-deal-win]');
    const training = await trainingStates.ended();
    expect(training.at(-1)).toBe('completed');
    expect(training.some((state) => state === 'waiting' || state === 'active'), training.join()).toBe(true);
    await page.waitForSelector('text=Training finished: deal-win@1 is active');
    const recompute = await recomputeStates.ended();
    expect(recompute.at(-1)).toBe('completed');
    expect(recompute.some((state) => state === 'waiting' || state === 'active'), recompute.join()).toBe(true);
    await expect.poll(() => page.locator('h1 + p').textContent(), { timeout: 20_000 }).toMatch(/win chances from deal-win@1/);
    await waitForPage(page, TITLE);
    const auc = await page.locator('[data-metric="ROC AUC"] dd').textContent();
    expect(Number.parseFloat(auc!)).toBeGreaterThan(0.6);
  });

  it('shows this quarter\'s forecast, the backtest and the top risk exactly as the API gives them', async () => {
    const report = await api<ForecastReportView>('/forecast');
    expect(report.run.modelVersion).toBe('deal-win@1');
    const quarter = report.quarters[0]!;
    const row = page.locator(`.quarters-table tr[data-period="${quarter.key}"]`);
    for (const figure of ['expected', 'p10', 'p90', 'p50'] as const) {
      expect(await row.locator(`[data-figure=${figure}]`).textContent(), figure).toBe(await moneyInPage(page, quarter[figure], report.currency));
    }
    expect(await page.locator('.chart[aria-label^="Revenue forecast"] .recharts-area').count()).toBe(1);

    const backtest = report.backtest!;
    const inside = backtest.rows.filter((r) => r.withinInterval).length;
    expect(await page.locator('[data-testid=backtest-coverage]').textContent())
      .toBe(`Actuals fell inside the P10–P90 range in ${inside} of ${backtest.rows.length} past ${backtest.rows.length === 1 ? 'quarter' : 'quarters'}`);
    expect(Number(await page.locator('[data-testid=backtest]').getAttribute('data-coverage'))).toBe(backtest.coverage);
    expect(await page.locator('[data-testid=backtest-mape]').textContent()).toBe(await percentInPage(page, backtest.mape!));
    expect(await page.locator('.backtest-table tbody tr').count()).toBe(backtest.rows.length);
    expect(await page.locator('.categories-table tbody tr').count()).toBe(3);
    expect(await page.locator('.funnel li').count()).toBe(4);

    const risks = await api<DealRisksView>('/deals/risks?limit=10');
    const top = risks.items[0]!;
    const first = page.locator('.risk-table tbody tr').first();
    expect(Number(await first.getAttribute('data-deal-id'))).toBe(top.dealId);
    expect(await first.locator('[data-figure=at-risk]').textContent()).toBe(await moneyInPage(page, top.revenueAtRisk, risks.currency));
    expect(await first.locator('li[data-flag]').allTextContents()).toEqual(top.flags.map((f) => f.phrase));
    expect(await page.locator('.risk-table tbody tr').count()).toBe(Math.min(10, risks.total));
  });

  it('asks the hub for the chance of reaching a quota typed per quarter', async () => {
    const report = await api<ForecastReportView>('/forecast');
    const [first, second] = report.quarters;
    const low = Math.round(first!.p10 * 0.5);
    const high = Math.round(second!.p90 * 3);
    await page.fill(`input[name="quota-${first!.key}"]`, String(low));
    await page.fill(`input[name="quota-${second!.key}"]`, String(high));
    await page.click('text=Show the chance of reaching these quotas');
    const chance = (key: string) => page.locator(`.quarters-table tr[data-period="${key}"] [data-figure=chance]`);
    await expect.poll(() => chance(first!.key).getAttribute('data-probability'), { timeout: 20_000 }).not.toBeNull();
    const answered = await api<ForecastReportView>(`/forecast?quota=${first!.key}:${low}&quota=${second!.key}:${high}`);
    const [likely, unlikely] = [answered.quarters[0]!.quota!.probabilityToReach, answered.quarters[1]!.quota!.probabilityToReach];
    expect(likely).toBeGreaterThan(0.9);
    expect(unlikely).toBeLessThan(0.05);
    expect(Number(await chance(first!.key).getAttribute('data-probability'))).toBe(likely);
    expect(await chance(first!.key).textContent()).toBe(await percentInPage(page, likely));
    expect(Number(await chance(second!.key).getAttribute('data-probability'))).toBe(unlikely);

    // A higher quota for the first quarter: a lower chance, re-asked.
    await page.fill(`input[name="quota-${first!.key}"]`, String(Math.round(first!.p90 * 1.5)));
    await page.click('text=Show the chance of reaching these quotas');
    await expect.poll(async () => Number(await chance(first!.key).getAttribute('data-probability') ?? 1), { timeout: 20_000 }).toBeLessThan(0.2);
    await page.fill(`input[name="quota-${first!.key}"]`, '-5');
    await page.click('text=Show the chance of reaching these quotas');
    await page.waitForSelector(`text=must be a number of 0 or more; got "-5"`);
  });

  it('opens a deal\'s prediction from its risk row, with its factors and flags', async () => {
    const top = (await api<DealRisksView>('/deals/risks?limit=1')).items[0]!;
    await page.click(`.risk-table tr[data-deal-id="${top.dealId}"] button`);
    await page.waitForSelector(`[data-testid=deal-prediction][data-deal-id="${top.dealId}"]`);
    const prediction = await api<DealPredictionView>(`/deals/${top.dealId}/prediction`);
    expect(await page.locator('[data-testid=deal-probability]').textContent()).toBe(await percentInPage(page, prediction.probability));
    expect(await page.locator('.deal-prediction ul[aria-label="Risk flags"] li').allTextContents()).toEqual(prediction.risks.map((r) => r.phrase));
    await page.waitForSelector('.chart[aria-label^="How each factor"] .recharts-bar-rectangle');
    expect(await page.locator('.chart[aria-label^="How each factor"] .recharts-bar-rectangle').count()).toBeGreaterThan(2);
    expect(page.url()).toContain(`deal=${top.dealId}`);
  });

  it('shows this quarter\'s expected revenue and its range on the Overview', async () => {
    const quarter = (await api<ForecastReportView>('/forecast')).quarters[0]!;
    await page.click('nav[aria-label=Main] a:text-is("Overview")');
    await waitForPage(page, 'Overview');
    const kpi = page.locator('[data-testid=kpi-expected-revenue]');
    expect(await kpi.locator('.kpi-value').textContent()).toBe(await moneyInPage(page, quarter.expected, 'EUR'));
    expect(await kpi.locator('[data-figure=p10]').textContent()).toBe(await moneyInPage(page, quarter.p10, 'EUR'));
    expect(await kpi.locator('[data-figure=p90]').textContent()).toBe(await moneyInPage(page, quarter.p90, 'EUR'));
  });

  it('has no serious accessibility violations, light and dark, and saves screenshots', async () => {
    const failures: string[] = [];
    const dealId = (await api<DealRisksView>('/deals/risks?limit=1')).items[0]!.dealId;
    await page.goto(`${hub.url}/pipeline?deal=${dealId}`);
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await waitForPage(page, TITLE);
      await page.waitForSelector('.chart[aria-label^="How each factor"] svg');
      await page.screenshot({ path: join(ARTIFACTS, `forecast-${scheme}.png`), fullPage: true });
      for (const violation of await seriousAxeViolations(page, scheme === 'dark' ? ['color-contrast'] : undefined)) {
        failures.push(`${scheme}: ${violation.id} ${violation.impact}: ${violation.help} at ${JSON.stringify(violation.nodes)}`);
      }
    }
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: join(ARTIFACTS, 'forecast-phone.png'), fullPage: true });
    expect(failures).toEqual([]);
  });
});
