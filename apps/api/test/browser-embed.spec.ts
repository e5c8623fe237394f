import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join, resolve } from 'node:path';
import type { CreatedApiKey } from '@hub/contracts';
import type { Browser, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createApiKey } from './support/api-keys';
import { activity, at, bundleText, company, contact, deal } from './support/bundle-fixtures';
import { ARTIFACTS, buildDashboard, launchChromium } from './support/browser';
import { readJson, startTestApp, type TestApp } from './support/test-app';
import { storeKinds } from './support/test-store';

const AXE = resolve(__dirname, '../../../node_modules/axe-core/axe.min.js');
const FACTORS = [
  { label: 'Decision maker role', contribution: 0.8, key: 'decision_maker', evidence: { is_decision_maker: true } },
  { label: 'No activity in 30 days', contribution: -0.6, key: 'engagement', evidence: { days_since_activity: 41 } },
];

/** The CRM's page for one contact, on another origin: a heading, and the one-line snippet. */
const crmPage = (hubUrl: string, snippet: string, after = '') => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Ada Lovelace · Syntroph CRM</title></head>
<body><main><h1>Ada Lovelace</h1>
<script>document.addEventListener('syntroph-hub:expired', () => { document.body.dataset.expired = 'yes'; });</script>
<script src="${hubUrl}/embed.js" ${snippet}></script>${after}
</main></body></html>`;

async function panelFrame(page: Page): Promise<Frame> {
  await page.waitForSelector('iframe');
  for (let tick = 0; tick < 100; tick++) {
    const frame = page.frames().find((f) => f.url().includes('/embed/chat'));
    if (frame) return frame;
    await page.waitForTimeout(50);
  }
  throw new Error('the panel\'s frame never appeared');
}

async function seriousViolations(frame: Frame): Promise<{ id: string; impact: string | null; help: string }[]> {
  await frame.addScriptTag({ path: AXE });
  // As source text: this project's types have no DOM, and the code runs in the frame anyway.
  const violations: { id: string; impact: string | null; help: string }[] = await frame.evaluate(`(async () => {
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map(({ id, impact, help }) => ({ id, impact, help }));
  })()`);
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

describe('the embedded chat panel in a browser (headless Chromium)', () => {
  let hub: TestApp;
  let browser: Browser;
  let crmKey: CreatedApiKey;
  let crmServer: Server;
  let crmUrl: string;
  const pages = new Map<string, string>();

  beforeAll(async () => {
    buildDashboard();
    hub = await startTestApp((await storeKinds()).at(-1)!);
    crmKey = await createApiKey(hub, ['read'], 'crm server');
    const lines = [
      company(1, { name: 'Acme', domain: 'acme.test' }),
      contact(10, 1, { first_name: 'Ada', last_name: 'Lovelace', title: 'CTO', is_decision_maker: true }),
      deal(100, 10, { name: 'Acme platform', amount: 25000, stage: 'proposal', company_id: 1 }),
      activity(1000, 10, { type: 'call', occurred_at: at(30) }),
    ];
    await fetch(`${hub.url}/api/bundles`, { method: 'POST', headers: { ...hub.auth, 'content-type': 'application/x-ndjson' }, body: bundleText(lines) });
    await hub.store.dataSource.query(`
      INSERT INTO "${hub.store.schema}".lead_scores (contact_id, score, probability, confidence, confidence_level, factors, base_logit, recommendation, method, model_version, as_of)
      VALUES (10, 72, 0.72, 0.8, 'high', $1::jsonb, 0.74, 'Call this week: a decision maker with an open proposal.', 'model', 'lead-score@3', now())`,
    [JSON.stringify(FACTORS)]);
    crmServer = createServer((request, response) => {
      const html = pages.get(request.url ?? '');
      response.writeHead(html ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' }).end(html ?? 'not found');
    });
    await new Promise<void>((done) => crmServer.listen(0, '127.0.0.1', done));
    crmUrl = `http://127.0.0.1:${(crmServer.address() as { port: number }).port}`;
    browser = await launchChromium();
    mkdirSync(ARTIFACTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((done) => crmServer?.close(done));
    await hub?.close();
  });

  /** What the CRM's server does: mint a token bound to the contact with its own key. */
  async function mint(ttlSeconds = 600): Promise<string> {
    const response = await fetch(`${hub.url}/api/auth/tokens`, {
      method: 'POST', headers: { ...bearer(crmKey.key), 'content-type': 'application/json' },
      body: JSON.stringify({ contact_id: 10, ttl_seconds: ttlSeconds }),
    });
    expect(response.status).toBe(201);
    return (await readJson(response)).token;
  }

  it('loads the panel from the snippet, shows the record and its score, and streams an answer', async () => {
    const token = await mint();
    pages.set('/contact-10', crmPage(hub.url, `data-token="${token}" data-contact-id="10"`));
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    const hubRequests: string[] = [];
    page.on('request', (request) => {
      if (request.url().startsWith(hub.url)) hubRequests.push(request.url());
    });
    await page.goto(`${crmUrl}/contact-10`);
    const frame = await panelFrame(page);
    await frame.waitForSelector('h1:text-is("Ada Lovelace")');
    expect(await frame.textContent('[data-testid=score-value]')).toBe('72');
    expect(await frame.textContent('.factors')).toMatch(/Decision maker role.*raises 0\.80.*No activity in 30 days.*lowers 0\.60/);
    expect(await frame.textContent('.facts')).toMatch(/Acme platform/);
    // The token was read from the fragment and wiped; no request to the hub carried it in its URL.
    expect(frame.url()).not.toContain('token');
    expect(hubRequests.some((url) => url.includes(token))).toBe(false);

    await frame.fill('input[name=question]', 'Why is the score what it is?');
    await frame.click('button[type=submit]');
    await frame.waitForSelector('.turns li[data-state=done]');
    expect(await frame.textContent('.turns li .answer')).toMatch(/Ada Lovelace scores 72\/100: a 72% chance of converting.*Raising it: Decision maker role/);

    expect(await seriousViolations(frame)).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'embed-panel.png'), fullPage: true });
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await seriousViolations(frame)).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'embed-panel-dark.png'), fullPage: true });
    await page.close();
  });

  it('shows a clear "session expired" state for an expired token and tells the CRM page', async () => {
    const token = await mint(1);
    await new Promise((done) => setTimeout(done, 1200));
    pages.set('/contact-10-expired', crmPage(hub.url, `data-token="${token}" data-contact-id="10"`));
    const page = await browser.newPage({ viewport: { width: 800, height: 600 } });
    await page.goto(`${crmUrl}/contact-10-expired`);
    const frame = await panelFrame(page);
    await frame.waitForSelector('[data-testid=session-expired]');
    expect(await frame.textContent('[data-testid=session-expired] h1')).toBe('Session expired');
    expect(await frame.textContent('[data-testid=session-expired]')).toMatch(/expired at/);
    await page.waitForFunction("document.body.dataset.expired === 'yes'");
    expect(await seriousViolations(frame)).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'embed-expired.png') });
    await page.close();
  });

  it('accepts a token handed over by postMessage (SyntrophHub.setToken) at phone width', async () => {
    const token = await mint();
    pages.set('/contact-10-message', crmPage(hub.url, 'data-contact-id="10"', `<script>SyntrophHub.setToken(${JSON.stringify(token)});</script>`));
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${crmUrl}/contact-10-message`);
    const frame = await panelFrame(page);
    await frame.waitForSelector('h1:text-is("Ada Lovelace")');
    await frame.click('button:text-is("What deals are open?")');
    await frame.waitForSelector('.turns li[data-state=done]');
    expect(await frame.textContent('.turns li .answer')).toMatch(/1 open deal, worth €25,000/);
    await page.screenshot({ path: join(ARTIFACTS, 'embed-panel-phone.png'), fullPage: true });
    await page.close();
  });

  it('serves the panel at /embed/chat, not the dashboard', async () => {
    const response = await fetch(`${hub.url}/embed/chat?contact_id=10`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('id="embed-root"');
    expect(html).not.toContain('id="root"');
    expect((await fetch(`${hub.url}/embed.js`)).headers.get('content-type')).toMatch(/javascript/);
  });
});
