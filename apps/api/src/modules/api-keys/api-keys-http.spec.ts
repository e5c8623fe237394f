import { createHash } from 'node:crypto';
import type { ApiKeySummary } from '@hub/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createApiKey } from '../../../test/support/api-keys';
import { readJson, startTestApp, type TestApp } from '../../../test/support/test-app';
import { storeKinds } from '../../../test/support/test-store';

const JSON_BODY = { 'content-type': 'application/json' };

describe.each(await storeKinds())('API keys over HTTP on %s PostgreSQL', (kind) => {
  let hub: TestApp;
  beforeAll(async () => {
    hub = await startTestApp(kind);
  });
  afterAll(async () => hub?.close());

  const post = (body: unknown) =>
    fetch(`${hub.url}/api/keys`, { method: 'POST', headers: { ...hub.auth, ...JSON_BODY }, body: JSON.stringify(body) });

  it('creates a key, answers it once, and stores only a SHA-256 hash of its secret', async () => {
    const response = await post({ name: 'CRM sync', scopes: ['write', 'read'] });
    expect(response.status).toBe(201);
    const created = await readJson(response);
    expect(created).toMatchObject({ name: 'CRM sync', scopes: ['read', 'write'], lastUsedAt: null, revokedAt: null });
    expect(created.key).toMatch(new RegExp(`^shk_${created.prefix}_[A-Za-z0-9]{43}$`));
    const secret = created.key.split('_')[2];

    const rows = await hub.store.dataSource.query(`SELECT * FROM "${hub.store.schema}".api_keys WHERE id = $1`, [created.id]);
    expect(rows).toHaveLength(1);
    expect(rows[0].secret_hash).toBe(createHash('sha256').update(secret).digest('hex'));
    expect(JSON.stringify(rows[0])).not.toContain(secret);

    const listed = await fetch(`${hub.url}/api/keys`, { headers: hub.auth });
    const text = await listed.text();
    expect(text).not.toContain(secret);
    const summary = (JSON.parse(text) as ApiKeySummary[]).find((key) => key.id === created.id);
    expect(summary).toEqual({ id: created.id, name: 'CRM sync', prefix: created.prefix, scopes: ['read', 'write'], createdAt: created.createdAt, lastUsedAt: null, revokedAt: null });
    expect(summary).not.toHaveProperty('key');
  });

  it('refuses a bad request with 400 naming the field', async () => {
    for (const [body, field] of [
      [{ name: '', scopes: ['read'] }, 'name'],
      [{ name: 'x', scopes: ['root'] }, 'scopes.0'],
      [{ name: 'x', scopes: [] }, 'scopes'],
      [{ name: 'x' }, 'scopes'],
      [{ name: 'x', scopes: ['read'], secret: 'mine' }, '$'],
    ] as const) {
      const response = await post(body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      const problem = await readJson(response);
      expect(problem.errors[0].field).toBe(field);
      expect(problem.detail).toMatch(new RegExp(`^${field.replace('$', '\\$')}:`));
    }
  });

  it('answers a body that is not JSON with a 400 problem document', async () => {
    const response = await fetch(`${hub.url}/api/keys`, { method: 'POST', headers: { ...hub.auth, ...JSON_BODY }, body: '{oops' });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/problem\+json/);
  });

  it('revokes a key: it stops working, stays listed, and revoking again changes nothing', async () => {
    const key = await createApiKey(hub, ['read'], 'to revoke');
    expect((await fetch(`${hub.url}/api/bundles`, { headers: bearer(key.key) })).status).toBe(200);
    const response = await fetch(`${hub.url}/api/keys/${key.id}`, { method: 'DELETE', headers: hub.auth });
    expect(response.status).toBe(200);
    const revoked = await readJson(response);
    expect(revoked).toMatchObject({ id: key.id, name: 'to revoke' });
    expect(Date.parse(revoked.revokedAt)).not.toBeNaN();
    expect((await fetch(`${hub.url}/api/bundles`, { headers: bearer(key.key) })).status).toBe(401);
    const again = await readJson(await fetch(`${hub.url}/api/keys/${key.id}`, { method: 'DELETE', headers: hub.auth }));
    expect(again.revokedAt).toBe(revoked.revokedAt);
  });

  it('answers 404 for an unknown key and 400 for an id that is not one', async () => {
    const missing = await fetch(`${hub.url}/api/keys/987654`, { method: 'DELETE', headers: hub.auth });
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/problem\+json/);
    const bad = await fetch(`${hub.url}/api/keys/abc`, { method: 'DELETE', headers: hub.auth });
    expect(bad.status).toBe(400);
    expect((await readJson(bad)).parameter).toBe('id');
  });

  it('lets a created admin key manage keys, and records every create and revoke in the audit log', async () => {
    const admin = await createApiKey(hub, ['admin'], 'second admin');
    const made = await readJson(await fetch(`${hub.url}/api/keys`, {
      method: 'POST', headers: { ...bearer(admin.key), ...JSON_BODY }, body: JSON.stringify({ name: 'made by admin', scopes: ['read'] }),
    }));
    await fetch(`${hub.url}/api/keys/${made.id}`, { method: 'DELETE', headers: bearer(admin.key) });
    const log = await readJson(await fetch(`${hub.url}/api/audit?subjectType=api_key&subjectId=${made.id}`, { headers: hub.auth }));
    expect(log.items).toEqual([
      expect.objectContaining({ operation: 'keys.revoke', keyId: String(admin.id), outcome: 'ok', subjectIds: [made.id] }),
      expect.objectContaining({
        operation: 'keys.create', keyId: String(admin.id), outcome: 'ok', subjectIds: [made.id],
        detail: { name: 'made by admin', prefix: made.prefix, scopes: ['read'] },
      }),
    ]);
    const byEnvAdmin = await readJson(await fetch(`${hub.url}/api/audit?operation=keys.create&keyId=env:admin`, { headers: hub.auth }));
    expect(byEnvAdmin.items.map((row: { subjectIds: number[] }) => row.subjectIds[0])).toContain(admin.id);
    expect(JSON.stringify(byEnvAdmin)).not.toContain(admin.key.split('_')[2]);
  });
});
