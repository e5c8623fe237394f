import { resolve } from 'node:path';
import type { Page } from 'playwright-core';

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
