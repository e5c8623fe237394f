import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleText, company, contact } from './support/bundle-fixtures';
import { runHub, startHubServer, type RunningHub } from './support/hub-process';

const ADMIN_KEY = 'cli-test-admin-key-0001';
const AUTH = { authorization: `Bearer ${ADMIN_KEY}` };

describe('the hub command line on the embedded store', () => {
  let dir: string;
  let env: Record<string, string>;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'hub-cli-'));
    env = {
      HUB_DATA_DIR: join(dir, 'data'), HUB_DEMO: 'off', DATABASE_URL: '', LOG_LEVEL: 'warn', HUB_ADMIN_KEY: ADMIN_KEY,
      HUB_WORKERS: '0', HUB_REDIS_PREFIX: `test-cli-${process.pid}`,
    };
    writeFileSync(join(dir, 'good.ndjson'), bundleText([company(1), contact(10, 1)]));
    writeFileSync(join(dir, 'bad.ndjson'), bundleText([company(2), contact(20, 404)]));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('imports a file, exits 0 and prints the counts', async () => {
    const run = await runHub(['import', join(dir, 'good.ndjson')], env);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).entities.contact).toMatchObject({ created: 1 });
  });

  it('refuses a bad file with exit code 1 and the problem as JSON on stderr', async () => {
    const run = await runHub(['import', join(dir, 'bad.ndjson')], env);
    expect(run.code).toBe(1);
    const problem = JSON.parse(run.stderr);
    expect(problem.errors).toEqual([{ line: 2, field: 'data.company_id', reason: expect.stringMatching(/company 404/) }]);
  });

  it('reads a bundle from stdin with -', async () => {
    const run = await runHub(['import', '-'], env, bundleText([company(3)]));
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).entities.company.created).toBe(1);
  });

  it('writes the same demo bundle for the same seed, with its truth beside it', async () => {
    const [first, second, other] = await Promise.all([
      runHub(['demo', '--seed', '5', '--out', join(dir, 'a.ndjson'), '--truth', join(dir, 'truth.json')], env),
      runHub(['demo', '--seed', '5', '--out', join(dir, 'b.ndjson')], env),
      runHub(['demo', '--seed', '6', '--out', join(dir, 'c.ndjson')], env),
    ]);
    expect([first.code, second.code, other.code]).toEqual([0, 0, 0]);
    const bundle = readFileSync(join(dir, 'a.ndjson'), 'utf8');
    expect(bundle.split('\n').length).toBeGreaterThan(10_000);
    expect(readFileSync(join(dir, 'b.ndjson'), 'utf8')).toBe(bundle);
    expect(readFileSync(join(dir, 'c.ndjson'), 'utf8')).not.toBe(bundle);
    const truth = JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8'));
    expect(truth.leads.length).toBeGreaterThan(1000);
    expect(bundle).not.toContain('p_convert');
  });

  it('rejects an unknown demo size', async () => {
    const run = await runHub(['demo', '--size', 'huge', '--out', join(dir, 'x.ndjson')], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--size must be one of small, medium, large/);
  });

  describe('while the hub is running', () => {
    let hub: RunningHub;
    beforeAll(async () => {
      hub = await startHubServer(env);
    });
    afterAll(async () => {
      expect(await hub.stop()).toBe(0);
    });

    it('imports and exports through the running hub rather than opening the folder twice', async () => {
      const imported = await runHub(['import', '-'], env, bundleText([company(4), contact(40, 4)]));
      expect(imported.code).toBe(0);
      const response = await fetch(`${hub.url}/api/bundles`, { headers: AUTH });
      expect(await response.text()).toContain('"id":40');
      const file = join(dir, 'export.ndjson');
      const exported = await runHub(['export', file], env);
      expect(exported.code).toBe(0);
      expect(readFileSync(file, 'utf8')).toBe(await (await fetch(`${hub.url}/api/bundles`, { headers: AUTH })).text());
    });

    it('refuses a second server on the same data folder with a clear message', async () => {
      const second = await runHub(['serve'], { ...env, PORT: '0' });
      expect(second.code).toBe(2);
      expect(second.stderr).toMatch(/already open in process \d+/);
    });
  });
});
