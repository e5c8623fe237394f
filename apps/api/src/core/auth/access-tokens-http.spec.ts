import type { CreatedApiKey } from '@hub/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createApiKey } from '../../../test/support/api-keys';
import { bundleText, company, contact } from '../../../test/support/bundle-fixtures';
import { readJson, startTestApp, type TestApp } from '../../../test/support/test-app';
import { storeKinds } from '../../../test/support/test-store';

const JSON_BODY = { 'content-type': 'application/json' };

describe.each(await storeKinds())('short-lived access tokens over HTTP on %s PostgreSQL', (kind) => {
  let hub: TestApp;
  let reader: CreatedApiKey;
  let writer: CreatedApiKey;
  beforeAll(async () => {
    hub = await startTestApp(kind);
    [reader, writer] = [await createApiKey(hub, ['read'], 'crm reader'), await createApiKey(hub, ['write'], 'crm writer')];
    await fetch(`${hub.url}/api/bundles`, {
      method: 'POST', headers: { ...hub.auth, 'content-type': 'application/x-ndjson' }, body: bundleText([company(1), contact(5, 1)]),
    });
  });
  afterAll(async () => hub?.close());

  const mint = (key: string, body: unknown) =>
    fetch(`${hub.url}/api/auth/tokens`, { method: 'POST', headers: { ...bearer(key), ...JSON_BODY }, body: JSON.stringify(body) });
  const bundles = (token: string) => fetch(`${hub.url}/api/bundles`, { headers: bearer(token) });

  it('mints a read token by default, valid for 600 s, that works like a key and is audited without its secret', async () => {
    const before = Date.now();
    const response = await mint(writer.key, {});
    expect(response.status).toBe(201);
    const minted = await readJson(response);
    expect(minted).toMatchObject({ scopes: ['read'], record: null });
    expect(minted.token).toMatch(/^sht_[A-Za-z0-9]{8}_[A-Za-z0-9]{43}$/);
    const ttl = (Date.parse(minted.expires_at) - before) / 1000;
    expect(ttl).toBeGreaterThan(595);
    expect(ttl).toBeLessThan(605);

    expect((await bundles(minted.token)).status).toBe(200);
    const refused = await fetch(`${hub.url}/api/bundles`, { method: 'POST', headers: { ...bearer(minted.token), 'content-type': 'application/x-ndjson' }, body: bundleText([company(2)]) });
    expect(refused.status).toBe(403);
    expect((await readJson(refused)).requiredScope).toBe('write');

    const prefix = minted.token.split('_')[1];
    const [row] = await hub.store.dataSource.query(`SELECT * FROM "${hub.store.schema}".access_tokens WHERE prefix = $1`, [prefix]);
    expect(JSON.stringify(row)).not.toContain(minted.token.split('_')[2]);
    const log = await readJson(await fetch(`${hub.url}/api/audit?operation=tokens.mint&keyId=${writer.id}`, { headers: hub.auth }));
    expect(log.items[0]).toMatchObject({ outcome: 'ok', detail: { prefix, scopes: ['read'], ttlSeconds: 600, record: null } });
    expect(JSON.stringify(log)).not.toContain(minted.token);
  });

  it('refuses scopes beyond the key\'s with 403 naming the scope, and accepts those it implies', async () => {
    const response = await mint(reader.key, { scopes: ['read', 'write'] });
    expect(response.status).toBe(403);
    expect(await readJson(response)).toMatchObject({ scope: 'write', detail: expect.stringMatching(/"write" scope.*\(read\)/) });
    expect((await readJson(await mint(writer.key, { scopes: ['admin'] }))).scope).toBe('admin');
    const implied = await readJson(await mint(writer.key, { scopes: ['write', 'read'] }));
    expect(implied.scopes).toEqual(['read', 'write']);
    const asWrite = await fetch(`${hub.url}/api/bundles`, { method: 'POST', headers: { ...bearer(implied.token), 'content-type': 'application/x-ndjson' }, body: bundleText([company(3)]) });
    expect(asWrite.status).toBe(200);
  });

  it('bounds the lifetime: 1 to 3600 seconds, and refuses other bad input with 400 naming the field', async () => {
    expect((await mint(reader.key, { ttl_seconds: 3600 })).status).toBe(201);
    for (const [body, field] of [
      [{ ttl_seconds: 3601 }, 'ttl_seconds'], [{ ttl_seconds: 0 }, 'ttl_seconds'], [{ ttl_seconds: 1.5 }, 'ttl_seconds'],
      [{ scopes: ['root'] }, 'scopes.0'], [{ contact_id: -1 }, 'contact_id'], [{ contact_id: 1, deal_id: 2 }, 'contact_id'], [{ name: 'x' }, '$'],
    ] as const) {
      const response = await mint(reader.key, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect((await readJson(response)).errors[0].field, JSON.stringify(body)).toBe(field);
    }
  });

  it('answers 401 with a clear message once a token has expired', async () => {
    const minted = await readJson(await mint(reader.key, { ttl_seconds: 1 }));
    expect((await bundles(minted.token)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1200));
    const response = await bundles(minted.token);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/error="invalid_token"/);
    expect(await readJson(response)).toMatchObject({ type: expect.stringMatching(/token-expired$/), expiresAt: minted.expires_at, detail: expect.stringMatching(/expired at .*POST \/api\/auth\/tokens/) });
  });

  it('answers 401 for a forged or unknown token, auditing the forgery against the minting key', async () => {
    const minted = await readJson(await mint(reader.key, {}));
    const forged = `${minted.token.slice(0, -3)}abc`;
    const response = await bundles(forged);
    expect(response.status).toBe(401);
    expect((await readJson(response)).detail).toMatch(/access token is not valid/);
    expect((await bundles(`sht_ZZZZZZZZ_${'a'.repeat(43)}`)).status).toBe(401);
    expect((await bundles('sht_short')).status).toBe(401);
    const denied = await readJson(await fetch(`${hub.url}/api/audit?outcome=denied&keyId=${reader.id}`, { headers: hub.auth }));
    expect(denied.items[0]).toMatchObject({ detail: expect.objectContaining({ reason: 'token-forged' }) });
  });

  it('ends a key\'s tokens when the key is revoked, and lets no token mint another', async () => {
    const doomed = await createApiKey(hub, ['read'], 'doomed');
    const minted = await readJson(await mint(doomed.key, {}));
    expect((await mint(minted.token, {})).status).toBe(403);
    await fetch(`${hub.url}/api/keys/${doomed.id}`, { method: 'DELETE', headers: hub.auth });
    const response = await bundles(minted.token);
    expect(response.status).toBe(401);
    expect((await readJson(response)).detail).toMatch(/revoked/);
  });

  it('keeps a record-bound token to the embed API: 403 elsewhere, and refused by MCP', async () => {
    const minted = await readJson(await mint(reader.key, { contact_id: 5 }));
    expect(minted.record).toEqual({ type: 'contact', id: 5 });
    const elsewhere = await bundles(minted.token);
    expect(elsewhere.status).toBe(403);
    expect(await readJson(elsewhere)).toMatchObject({ record: { type: 'contact', id: 5 }, detail: expect.stringMatching(/bound to contact 5/) });
    expect((await fetch(`${hub.url}/api/embed/context?contact_id=5`, { headers: bearer(minted.token) })).status).toBe(200);
    const mcp = await fetch(`${hub.url}/mcp`, {
      method: 'POST', headers: { ...bearer(minted.token), ...JSON_BODY, accept: 'application/json, text/event-stream' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    expect(mcp.status).toBe(401);
  });

  it('lets an unbound token through MCP like its key', async () => {
    const minted = await readJson(await mint(reader.key, {}));
    const mcp = await fetch(`${hub.url}/mcp`, {
      method: 'POST', headers: { ...bearer(minted.token), ...JSON_BODY, accept: 'application/json, text/event-stream' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    expect(mcp.status).toBe(200);
  });
});
