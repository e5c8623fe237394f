import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Browser, chromium } from 'playwright-core';

const CHROMIUM = '/usr/bin/chromium';
const ROOT = resolve(__dirname, '../../../..');

/**
 * Debian's Chromium, installed with apt when missing (a browser build of Playwright's own cannot
 * be downloaded here), launched headless with the flags this sandbox needs.
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'ignore' });
    execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'ignore', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Builds the dashboard so the test app serves it at / (a couple of seconds with Vite). */
export function buildDashboard(): void {
  execFileSync(resolve(ROOT, 'node_modules/.bin/vite'), ['build', '--config', 'apps/web/vite.config.mts', '--logLevel', 'error'], { cwd: ROOT, stdio: 'inherit' });
}

export const ARTIFACTS = resolve(ROOT, 'test-artifacts');
