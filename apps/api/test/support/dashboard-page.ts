import { resolve } from 'node:path';
import { getQueueToken } from '@nestjs/bullmq';
import type { QueueName } from '@hub/contracts';
import type { Queue } from 'bullmq';
import type { Page } from 'playwright-core';
import type { TestApp } from './test-app';

const AXE = resolve(__dirname, '../../../../node_modules/axe-core/axe.min.js');

/** Signs in on the dashboard's form (the page must show it). */
export async function signIn(page: Page, key: string): Promise<void> {
  await page.fill('input[name=key]', key);
  await page.click('button[type=submit]');
  await page.waitForSelector('nav[aria-label=Main]');
}

/** Waits until a dashboard page shows its heading and nothing is loading any more. */
export async function waitForPage(page: Page, title: string): Promise<void> {
  await page.waitForSelector(`h1:text-is("${title}")`);
  await page.waitForFunction(`document.querySelectorAll('[aria-busy=true]').length === 0`);
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core in the page; answers the serious and critical violations. */
export async function seriousAxeViolations(page: Page, rules?: string[]): Promise<AxeViolation[]> {
  if (!(await page.evaluate(`'axe' in window`))) await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async (only) => {
    // Runs in the page (this project's types know no DOM).
    const { axe, document } = globalThis as unknown as { axe: { run(context: unknown, options: object): Promise<{ violations: AxeViolation[] }> }; document: unknown };
    const result = await axe.run(document, { resultTypes: ['violations'], ...(only ? { runOnly: { type: 'rule', values: only } } : {}) });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => ({ target: n.target })) }));
  }, rules);
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Formats money in the page, the way the dashboard does (the browser's locale). */
export function moneyInPage(page: Page, amount: number, currency: string): Promise<string> {
  return page.evaluate(([a, c]) => new Intl.NumberFormat(undefined, { style: 'currency', currency: c as string, maximumFractionDigits: 0 }).format(a as number), [amount, currency]);
}

const ENDED = ['completed', 'failed', 'cancelled'];

/**
 * Records in the page every `data-state` the element at `selector` takes from now on (a
 * MutationObserver, so a state shown for one frame is not missed between polls). `ended()` waits
 * for a final state and answers the states in the order they were shown.
 */
export async function recordStates(page: Page, selector: string): Promise<{ ended(timeoutMs?: number): Promise<string[]> }> {
  const key = `hubStates${Math.random().toString(36).slice(2)}`;
  const target = JSON.stringify(selector);
  await page.evaluate(`(() => {
    const seen = (window[${JSON.stringify(key)}] = []);
    const record = () => {
      const state = document.querySelector(${target})?.getAttribute('data-state');
      if (state && seen[seen.length - 1] !== state) seen.push(state);
    };
    record();
    new MutationObserver(record).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'] });
  })()`);
  return {
    async ended(timeoutMs = 90_000) {
      await page.waitForFunction(`${JSON.stringify(ENDED)}.includes(window[${JSON.stringify(key)}].at(-1))`, undefined, { timeout: timeoutMs });
      return page.evaluate(`window[${JSON.stringify(key)}].slice()`) as Promise<string[]>;
    },
  };
}

/**
 * Starts a job from the page while its queue is paused, waits until the page shows it waiting, then
 * lets the worker take it: on a fast machine a small job can otherwise finish before the page's first
 * look, leaving nothing live to see.
 */
export async function startHeldInQueue(hub: TestApp, queue: QueueName, page: Page, start: () => Promise<void>, waitingSelector: string): Promise<void> {
  const held = hub.app.get<Queue>(getQueueToken(queue));
  await held.pause();
  try {
    await start();
    await page.waitForSelector(`${waitingSelector}[data-state=waiting]`, { timeout: 20_000 });
  } finally {
    await held.resume();
  }
}
