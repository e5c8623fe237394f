import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditPage } from '@hub/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer } from './support/api-keys';
import { runHub, startHubServer, type RunningHub } from './support/hub-process';

const KEY = /shk_[A-Za-z0-9]{8}_[A-Za-z0-9]{43}/g;

describe('API keys on a fresh hub and at the command line (embedded store)', () => {
  let dir: string;
  let env: Record<string, string>;
  let hub: RunningHub | undefined;
  let firstKey: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'hub-keys-'));
    // No HUB_ADMIN_KEY: the first start must create a key.
    env = { HUB_DATA_DIR: join(dir, 'data'), HUB_DEMO: 'off', DATABASE_URL: '', LOG_LEVEL: 'warn', HUB_WORKERS: '0', HUB_ADMIN_KEY: '' };
  });
  afterAll(async () => {
    await hub?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates an admin key on the first start and prints it once, clearly', async () => {
    hub = await startHubServer(env);
    const printed = hub.output().match(KEY) ?? [];
    expect(printed).toHaveLength(1);
    firstKey = printed[0]!;
    expect(hub.output()).toMatch(/No API key exists yet, so the hub created an admin key/);
    expect((await fetch(`${hub.url}/api/keys`)).status).toBe(401);
    const keys = await (await fetch(`${hub.url}/api/keys`, { headers: bearer(firstKey) })).json();
    expect(keys).toEqual([expect.objectContaining({ id: 1, name: 'first admin key', scopes: ['admin'] })]);
  });

  it('creates, lists and revokes keys through the running hub', async () => {
    const created = await runHub(['keys', 'create', '--name', 'reporting', '--scopes', 'read'], env);
    expect(created.code, created.stderr).toBe(0);
    const key = JSON.parse(created.stdout);
    expect(key).toMatchObject({ id: 2, name: 'reporting', scopes: ['read'], revokedAt: null });
    expect(key.key).toMatch(KEY);
    expect(created.stderr).toMatch(/shown only this once/);
    expect((await fetch(`${hub!.url}/api/bundles`, { headers: bearer(key.key) })).status).toBe(200);
    expect((await fetch(`${hub!.url}/api/keys`, { headers: bearer(key.key) })).status).toBe(403);

    const listed = await runHub(['keys', 'list'], env);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/^ID\s+NAME\s+KEY\s+SCOPES/);
    expect(listed.stdout).toMatch(new RegExp(`2\\s+reporting\\s+shk_${key.prefix}_…\\s+read`));
    expect(listed.stdout).not.toMatch(KEY);
    const json = await runHub(['keys', 'list', '--json'], env);
    expect(JSON.parse(json.stdout).map((entry: { name: string }) => entry.name)).toEqual(['first admin key', 'reporting']);
    expect(json.stdout).not.toMatch(KEY);

    const revoked = await runHub(['keys', 'revoke', '2'], env);
    expect(revoked.code, revoked.stderr).toBe(0);
    expect(JSON.parse(revoked.stdout).revokedAt).toEqual(expect.any(String));
    expect((await fetch(`${hub!.url}/api/bundles`, { headers: bearer(key.key) })).status).toBe(401);

    const audit = (await (await fetch(`${hub!.url}/api/audit?keyId=cli`, { headers: bearer(firstKey) })).json()) as AuditPage;
    expect(audit.items.map((row) => row.operation)).toEqual(['keys.revoke', 'keys.create']);
    const system = (await (await fetch(`${hub!.url}/api/audit?keyId=system`, { headers: bearer(firstKey) })).json()) as AuditPage;
    expect(system.items).toEqual([expect.objectContaining({ operation: 'keys.create', subjectIds: [1], detail: expect.objectContaining({ reason: 'first start' }) })]);
  });

  it('refuses bad arguments and unknown keys with clear messages', async () => {
    const [badScope, badId, unknown, noName] = await Promise.all([
      runHub(['keys', 'create', '--name', 'x', '--scopes', 'read,root'], env),
      runHub(['keys', 'revoke', 'two'], env),
      runHub(['keys', 'revoke', '999'], env),
      runHub(['keys', 'create', '--scopes', 'read'], env),
    ]);
    expect([badScope.code, badId.code, unknown.code]).toEqual([2, 2, 1]);
    expect(badScope.stderr).toMatch(/unknown: root/);
    expect(unknown.stderr).toMatch(/No API key has the id 999/);
    expect(noName.code).not.toBe(0);
    expect(noName.stderr).toMatch(/--name/);
  });

  it('does not print a key again on the next start, and works with the hub down', async () => {
    expect(await hub!.stop()).toBe(0);
    hub = undefined;
    const offline = await runHub(['keys', 'create', '--name', 'offline', '--scopes', 'write'], env);
    expect(offline.code, offline.stderr).toBe(0);
    hub = await startHubServer(env);
    expect(hub.output()).not.toMatch(KEY);
    const key = JSON.parse(offline.stdout).key as string;
    expect((await fetch(`${hub.url}/api/bundles`, { headers: bearer(key) })).status).toBe(200);
    expect((await fetch(`${hub.url}/api/keys`, { headers: bearer(firstKey) })).status).toBe(200);
  });
});
