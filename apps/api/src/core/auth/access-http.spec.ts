import type { AuditEntry, CreatedApiKey } from '@hub/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createApiKey } from '../../../test/support/api-keys';
import { bundleText, company, exportText } from '../../../test/support/bundle-fixtures';
import { readJson, startTestApp, type TestApp } from '../../../test/support/test-app';
import { storeKinds } from '../../../test/support/test-store';
import { VERIFIED_KEY_TTL_MS } from './api-key.verifier';

const NDJSON = { 'content-type': 'application/x-ndjson' };

describe.each(await storeKinds())('access control over HTTP on %s PostgreSQL', (kind) => {
  let hub: TestApp;
  let reader: CreatedApiKey;
  let writer: CreatedApiKey;
  let admin: CreatedApiKey;
  beforeAll(async () => {
    hub = await startTestApp(kind);
    [reader, writer, admin] = [await createApiKey(hub, ['read']), await createApiKey(hub, ['write']), await createApiKey(hub, ['admin'])];
  });
  afterAll(async () => hub?.close());

  const importWith = (headers: Record<string, string>, id: number) =>
    fetch(`${hub.url}/api/bundles`, { method: 'POST', headers: { ...NDJSON, ...headers }, body: bundleText([company(id)]) });

  /** Sends a refused import and checks the answer and that the store did not change. */
  async function expectRefusedImport(headers: Record<string, string>, status: 401 | 403) {
    const before = await exportText(hub.store.dataSource);
    const response = await importWith(headers, 900);
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await exportText(hub.store.dataSource)).toBe(before);
    return response;
  }

  const deniedRows = async (keyId: string): Promise<AuditEntry[]> =>
    (await readJson(await fetch(`${hub.url}/api/audit?outcome=denied&keyId=${keyId}`, { headers: hub.auth }))).items;

  it('refuses a request without a key with 401 and a Bearer challenge, and writes nothing', async () => {
    const response = await expectRefusedImport({}, 401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer realm=/);
    expect(await readJson(response)).toMatchObject({ status: 401, detail: expect.stringMatching(/Authorization: Bearer/) });
  });

  it('refuses a malformed Authorization header or key with 401', async () => {
    for (const header of ['Basic dXNlcjpwYXNz', 'Bearer', 'Bearer two words']) {
      const response = await expectRefusedImport({ authorization: header }, 401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer .*error="invalid_request"/);
    }
    const response = await expectRefusedImport(bearer('not-a-hub-key'), 401);
    expect(response.headers.get('www-authenticate')).toMatch(/error="invalid_token"/);
  });

  it('refuses an unknown key and a known prefix with a wrong secret; the latter is audited as denied', async () => {
    await expectRefusedImport(bearer(`shk_${'Z'.repeat(8)}_${'a'.repeat(43)}`), 401);
    const forged = `shk_${writer.prefix}_${'b'.repeat(43)}`;
    const response = await expectRefusedImport(bearer(forged), 401);
    expect((await readJson(response)).detail).toBe('This API key is not valid.');
    expect(await deniedRows(String(writer.id))).toEqual([
      expect.objectContaining({ operation: 'bundle.import', outcome: 'denied', detail: expect.objectContaining({ reason: 'wrong-secret' }) }),
    ]);
  });

  it('refuses a key that lacks the scope with 403 naming it, writes nothing and audits the denial', async () => {
    const response = await expectRefusedImport(bearer(reader.key), 403);
    expect(await readJson(response)).toMatchObject({ status: 403, requiredScope: 'write', detail: expect.stringMatching(/"write" scope/) });
    expect(response.headers.get('www-authenticate')).toMatch(/error="insufficient_scope", scope="write"/);
    const denied = await fetch(`${hub.url}/api/keys`, { headers: bearer(writer.key) });
    expect(denied.status).toBe(403);
    expect((await readJson(denied)).requiredScope).toBe('admin');
    expect(await deniedRows(String(reader.id))).toEqual([
      expect.objectContaining({ keyId: String(reader.id), operation: 'bundle.import', detail: expect.objectContaining({ requiredScope: 'write', method: 'POST', path: '/api/bundles' }) }),
    ]);
    expect((await deniedRows(String(writer.id))).map((row) => row.operation)).toContain('keys.list');
  });

  it('lets each scope do what it implies: admin ⊃ write ⊃ read', async () => {
    for (const key of [reader, writer, admin]) expect((await fetch(`${hub.url}/api/bundles`, { headers: bearer(key.key) })).status).toBe(200);
    expect((await importWith(bearer(writer.key), 901)).status).toBe(200);
    expect((await importWith(bearer(admin.key), 902)).status).toBe(200);
    expect((await fetch(`${hub.url}/api/keys`, { headers: bearer(admin.key) })).status).toBe(200);
    expect((await fetch(`${hub.url}/api/audit`, { headers: bearer(reader.key) })).status).toBe(403);
  });

  it('accepts HUB_ADMIN_KEY as an admin key', async () => {
    expect((await fetch(`${hub.url}/api/keys`, { headers: hub.auth })).status).toBe(200);
    expect((await importWith(hub.auth, 903)).status).toBe(200);
    expect((await fetch(`${hub.url}/api/keys`, { headers: bearer(`${hub.auth.authorization.slice(7)}x`) })).status).toBe(401);
  });

  it('refuses a revoked key at once, writes nothing and audits the attempt', async () => {
    const doomed = await createApiKey(hub, ['write'], 'doomed');
    expect((await importWith(bearer(doomed.key), 904)).status).toBe(200);
    expect((await fetch(`${hub.url}/api/keys/${doomed.id}`, { method: 'DELETE', headers: hub.auth })).status).toBe(200);
    const response = await expectRefusedImport(bearer(doomed.key), 401);
    expect((await readJson(response)).detail).toMatch(/revoked/);
    expect((await deniedRows(String(doomed.id)))[0]).toMatchObject({ detail: expect.objectContaining({ reason: 'revoked' }) });
  });

  it('refuses a key revoked by another instance (straight in the database) within the verified-key cache time', async () => {
    const doomed = await createApiKey(hub, ['read'], 'revoked-elsewhere');
    const whoAmI = () => fetch(`${hub.url}/api/auth/me`, { headers: bearer(doomed.key) });
    expect((await whoAmI()).status).toBe(200);
    await hub.store.dataSource.query(`UPDATE "${hub.store.schema}".api_keys SET revoked_at = now() WHERE id = $1`, [doomed.id]);
    await new Promise((done) => setTimeout(done, VERIFIED_KEY_TTL_MS + 50));
    expect((await whoAmI()).status).toBe(401);
  });

  it('records when a key was last used', async () => {
    const [row] = await hub.store.dataSource.query(`SELECT last_used_at FROM "${hub.store.schema}".api_keys WHERE id = $1`, [reader.id]);
    expect(row.last_used_at).toBeInstanceOf(Date);
  });

  it('leaves health, the OpenAPI document and unknown routes open, and documents the bearer scheme', async () => {
    expect((await fetch(`${hub.url}/health`)).status).toBe(200);
    const json = await readJson(await fetch(`${hub.url}/api/docs/json`));
    expect(json.components.securitySchemes['api-key']).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(json.paths['/api/bundles'].post.security).toEqual([{ 'api-key': [] }]);
    expect((await fetch(`${hub.url}/api/docs`)).status).toBe(200);
  });
});
