import { request as httpRequest } from 'node:http';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createApiKey } from '../../../test/support/api-keys';
import { activity, at, bundleText, company, contact, deal } from '../../../test/support/bundle-fixtures';
import { readJson, startTestApp, type Json, type TestApp, TEST_ADMIN_KEY } from '../../../test/support/test-app';
import { storeKinds } from '../../../test/support/test-store';

const CRM_READ_TOOLS = [
  'search_contacts', 'get_contact', 'search_companies', 'get_company', 'search_deals', 'get_deal',
  'list_activities', 'get_email_thread', 'get_meeting', 'get_job',
];

const lines = [
  company(1, { name: 'Acme Robotics', domain: 'acme.test', custom: { tier: 'gold', region: 'EMEA' } }),
  company(2, { name: 'Globex', custom: { tier: 'silver' } }),
  contact(10, 1, { first_name: 'Grace', last_name: 'Hopper', title: 'CTO', custom: { tier: 'gold' } }),
  contact(11, 1, { first_name: 'Alan', last_name: 'Turing' }),
  ...Array.from({ length: 30 }, (_, i) => contact(100 + i, 2)),
  deal(20, 10, { company_id: 1, name: 'Acme expansion', amount: 75_000, stage: 'negotiation', custom: { channel: 'partner' } }),
  deal(21, 11, { company_id: 1, name: 'Acme pilot', amount: 5_000, stage: 'closed_won', closed_at: at(5) }),
  activity(30, 10, { type: 'call', deal_id: 20, occurred_at: at(3) }),
  activity(31, 10, { type: 'email_replied', occurred_at: at(4) }),
  { type: 'email', data: { id: 40, direction: 'outbound', contact_id: 10, deal_id: 20, subject: 'Proposal', body: 'Here it is.', sent_at: at(3), thread_id: 't-1' } },
  { type: 'email', data: { id: 41, direction: 'inbound', contact_id: 10, deal_id: 20, subject: 'Re: Proposal', body: 'x'.repeat(9000), sent_at: at(4), thread_id: 't-1' } },
  { type: 'meeting', data: { id: 50, title: 'Kick-off', deal_id: 20, contact_ids: [10, 11], started_at: at(6), duration_minutes: 45, notes: 'Budget approved.' } },
];

describe.each(await storeKinds())('MCP over Streamable HTTP on %s PostgreSQL', (kind) => {
  let hub: TestApp;
  const clients: Client[] = [];

  async function connect(headers: Record<string, string> = { authorization: `Bearer ${TEST_ADMIN_KEY}` }): Promise<Client> {
    const client = new Client({ name: 'hub-test', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${hub.url}/mcp`), { requestInit: { headers } }));
    clients.push(client);
    return client;
  }
  const call = async (client: Client, name: string, args: Record<string, unknown>) =>
    (await client.callTool({ name, arguments: args })) as CallToolResult & { structuredContent: Json };
  const rpc = (headers: Record<string, string>) => fetch(`${hub.url}/mcp`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} }),
  });

  const statusWithHost = (host: string) => new Promise<number>((resolve, reject) => {
    const url = new URL(`${hub.url}/mcp`);
    const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} });
    const request = httpRequest({
      host: url.hostname, port: url.port, path: '/mcp', method: 'POST',
      headers: { host, ...hub.auth, 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'content-length': Buffer.byteLength(body) },
    }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('error', reject);
    request.end(body);
  });

  beforeAll(async () => {
    hub = await startTestApp(kind);
    const response = await fetch(`${hub.url}/api/bundles`, { method: 'POST', headers: { ...hub.auth, 'content-type': 'application/x-ndjson' }, body: bundleText(lines) });
    expect(response.status, await response.clone().text()).toBeLessThan(300);
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await hub?.close();
  });

  it('lists every CRM read tool with titles, schemas and read-only annotations', async () => {
    const client = await connect();
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(expect.arrayContaining(CRM_READ_TOOLS));
    for (const tool of tools.filter((t) => CRM_READ_TOOLS.includes(t.name))) {
      expect(tool.title).toBeTruthy();
      expect(tool.description!.length).toBeGreaterThan(40);
      expect(tool.outputSchema).toBeDefined();
      expect(tool.annotations).toMatchObject({ readOnlyHint: true, destructiveHint: false });
    }
  });

  it('searches contacts by custom property and name, with totals and cursors', async () => {
    const client = await connect();
    const gold = await call(client, 'search_contacts', { custom: { tier: 'gold' } });
    expect(gold.isError).toBeFalsy();
    expect(gold.structuredContent).toMatchObject({ total: 1, truncated: false, nextCursor: null });
    expect(gold.structuredContent.contacts[0]).toMatchObject({ id: 10, name: 'Grace Hopper', companyName: 'Acme Robotics', custom: { tier: 'gold' } });
    expect((gold.content[0] as { text: string }).text).toContain('Grace Hopper');

    const first = await call(client, 'search_contacts', { companyId: 2, limit: 20 });
    expect(first.structuredContent).toMatchObject({ total: 30, returned: 20, truncated: true });
    const second = await call(client, 'search_contacts', { companyId: 2, limit: 20, cursor: first.structuredContent.nextCursor });
    expect(second.structuredContent).toMatchObject({ total: 30, returned: 10, truncated: false, nextCursor: null });
    const ids = [...first.structuredContent.contacts, ...second.structuredContent.contacts].map((c: Json) => c.id);
    expect(new Set(ids).size).toBe(30);
  });

  it('gets records by id, with their relations', async () => {
    const client = await connect();
    const contactResult = await call(client, 'get_contact', { id: 10 });
    expect(contactResult.structuredContent).toMatchObject({ contact: { id: 10, title: 'CTO' }, dealsTotal: 1, deals: [{ id: 20, amount: 75_000 }] });
    const companyResult = await call(client, 'get_company', { id: 1 });
    expect(companyResult.structuredContent).toMatchObject({ company: { name: 'Acme Robotics', custom: { tier: 'gold', region: 'EMEA' } }, contactsTotal: 2, dealsTotal: 2 });
    const dealResult = await call(client, 'get_deal', { id: 20 });
    expect(dealResult.structuredContent.deal).toMatchObject({ name: 'Acme expansion', companyName: 'Acme Robotics', contactName: 'Grace Hopper', custom: { channel: 'partner' } });
    const deals = await call(client, 'search_deals', { stage: ['negotiation', 'proposal'], minAmount: 10_000 });
    expect(deals.structuredContent.deals.map((d: Json) => d.id)).toEqual([20]);
    const companies = await call(client, 'search_companies', { query: 'acme' });
    expect(companies.structuredContent).toMatchObject({ total: 1, companies: [{ id: 1 }] });
  });

  it('shows history: activities, email threads with size limits, meetings', async () => {
    const client = await connect();
    const activities = await call(client, 'list_activities', { contactId: 10 });
    expect(activities.structuredContent.activities.map((a: Json) => a.id)).toEqual([31, 30]);
    const thread = await call(client, 'get_email_thread', { emailId: 40 });
    expect(thread.structuredContent).toMatchObject({ threadId: 't-1', total: 2, truncated: false });
    expect(thread.structuredContent.emails[1]).toMatchObject({ id: 41, bodyTruncated: true, bodyLength: 9000 });
    expect(thread.structuredContent.emails[1].body.length).toBeLessThan(4100);
    const meeting = await call(client, 'get_meeting', { id: 50 });
    expect(meeting.structuredContent.meeting).toMatchObject({ title: 'Kick-off', dealName: 'Acme expansion', notes: 'Budget approved.', notesTruncated: false });
    expect(meeting.structuredContent.meeting.contacts.map((c: Json) => c.id)).toEqual([10, 11]);
  });

  it('answers mistakes with isError results that say what to fix', async () => {
    const client = await connect();
    const unknown = await call(client, 'get_contact', { id: 987654 });
    expect(unknown.isError).toBe(true);
    expect((unknown.content[0] as { text: string }).text).toContain('987654');
    const noFilter = await call(client, 'list_activities', {});
    expect(noFilter.isError).toBe(true);
    expect((noFilter.content[0] as { text: string }).text).toContain('contactId or dealId');
    const badCursor = await call(client, 'search_contacts', { cursor: 'nonsense' });
    expect(badCursor.isError).toBe(true);
    const badInput = await call(client, 'get_deal', { id: 'twenty' });
    expect(badInput.isError).toBe(true);
    const job = await call(client, 'get_job', { id: 'no-such-job' });
    expect(job.isError).toBe(true);
    expect((job.content[0] as { text: string }).text).toContain('no-such-job');
  });

  it('imports a bundle with a write key, reporting progress, and refuses a bad one naming its lines', async () => {
    const key = await createApiKey(hub, ['write']);
    const client = await connect(bearer(key.key));
    expect((await client.listTools()).tools.find((tool) => tool.name === 'import_bundle')?.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: true });
    const progress: number[] = [];
    const imported = (await client.callTool(
      { name: 'import_bundle', arguments: { bundle: bundleText([company(4, { name: 'Initrode' }), contact(12, 4)]) } },
      undefined,
      { onprogress: (update) => progress.push(update.progress) },
    )) as CallToolResult & { structuredContent: Json };
    expect(imported.isError).toBeFalsy();
    expect(imported.structuredContent).toMatchObject({ lines: 2, records: 2, deletes: 0 });
    expect(progress.length).toBeGreaterThan(0);
    expect((await call(client, 'get_contact', { id: 12 })).structuredContent.contact.companyName).toBe('Initrode');

    const refused = await call(client, 'import_bundle', { bundle: bundleText([contact(13, 999_999)]) });
    expect(refused.isError).toBe(true);
    expect((refused.content[0] as { text: string }).text).toMatch(/line 1/);
    expect((await call(client, 'get_contact', { id: 13 })).isError).toBe(true);
  });

  it('writes an audit row per tool call', async () => {
    const client = await connect();
    await call(client, 'get_deal', { id: 21 });
    const page = await readJson(await fetch(`${hub.url}/api/audit?operation=mcp.tool.call&subjectType=deal`, { headers: hub.auth }));
    expect(page.items[0]).toMatchObject({ keyId: 'env:admin', outcome: 'ok', subjectIds: [21], detail: { tool: 'get_deal' } });
  });

  it('gives a read-only key the read tools but not import_bundle, which it cannot call either', async () => {
    const key = await createApiKey(hub, ['read']);
    const client = await connect(bearer(key.key));
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(expect.arrayContaining(CRM_READ_TOOLS));
    expect(tools.map((tool) => tool.name)).not.toContain('import_bundle');
    const refused = await client.callTool({ name: 'import_bundle', arguments: { bundle: bundleText([company(3)]) } })
      .catch((error: Error) => ({ isError: true, content: [{ type: 'text', text: error.message }] }));
    expect(refused.isError).toBe(true);
    expect((await call(await connect(), 'get_company', { id: 3 })).isError).toBe(true);
    expect((await call(client, 'get_contact', { id: 11 })).structuredContent.contact.name).toBe('Alan Turing');
  });

  it('refuses missing or wrong keys with 401 and points to the resource metadata', async () => {
    const missing = await rpc({});
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toMatch(/^Bearer resource_metadata="http:\/\/127\.0\.0\.1:\d+\/\.well-known\/oauth-protected-resource\/mcp"$/);
    const wrong = await rpc({ authorization: 'Bearer shk_nope_nope' });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toContain('error="invalid_token"');
    await expect(connect({ authorization: 'Bearer wrong-key' })).rejects.toThrow();

    for (const path of ['/.well-known/oauth-protected-resource', '/.well-known/oauth-protected-resource/mcp']) {
      const metadata = await readJson(await fetch(`${hub.url}${path}`));
      expect(metadata).toMatchObject({ resource: `${hub.url}/mcp`, bearer_methods_supported: ['header'], scopes_supported: ['read', 'write', 'admin'] });
    }
  });

  it('rejects foreign Origins and Hosts (DNS rebinding), and allows local browser origins with CORS', async () => {
    const foreign = await rpc({ ...hub.auth, origin: 'http://evil.example' });
    expect(foreign.status).toBe(403);
    const local = await rpc({ ...hub.auth, origin: 'http://localhost:5173' });
    expect(local.status).toBe(200);
    expect(local.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(local.headers.get('access-control-expose-headers')).toContain('Mcp-Session-Id');
    // fetch() will not send a Host of its choosing; node:http will, as a rebinding browser would.
    expect(await statusWithHost('attacker.example')).toBe(403);
    expect(await statusWithHost('localhost:1234')).toBe(200);
    expect((await fetch(`${hub.url}/mcp`, { headers: hub.auth })).status).toBe(405);
  });

  it('answers a body it cannot take in JSON-RPC form, and leaves paths below /mcp to the rest of the app', async () => {
    const post = (body: string, headers: Record<string, string> = {}) => fetch(`${hub.url}/mcp`, {
      method: 'POST', body,
      headers: { ...hub.auth, 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers },
    });
    const broken = await post('{"jsonrpc": "2.0", "id": 1, "method": ');
    expect(broken.status).toBe(400);
    expect(await broken.json()).toMatchObject({ jsonrpc: '2.0', id: null, error: { code: -32700, message: expect.stringContaining('not valid JSON') } });
    const huge = await post(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping', params: { pad: 'x'.repeat(5 * 1024 * 1024) } }));
    expect(huge.status).toBe(413);
    expect(await huge.json()).toMatchObject({ error: { code: -32000, message: expect.stringContaining('4mb') } });
    const plain = await post('ping', { 'content-type': 'text/plain' });
    expect(plain.status).toBe(415);
    await plain.body?.cancel();
    // A stranger's body is refused before it is read: 401, not a parse error.
    const stranger = await fetch(`${hub.url}/mcp`, { method: 'POST', body: '{"broken', headers: { 'content-type': 'application/json' } });
    expect(stranger.status).toBe(401);
    await stranger.body?.cancel();
    // `/mcp` with a query is still MCP; a path below it is Nest's (404), as are the other routes.
    expect((await fetch(`${hub.url}/mcp?x=1`, { headers: hub.auth })).status).toBe(405);
    const below = await fetch(`${hub.url}/mcp/tools`, { headers: hub.auth });
    expect(below.status).toBe(404);
    await below.body?.cancel();
    expect((await fetch(`${hub.url}/health`)).status).toBe(200);
  });
});

describe('MCP rate limits', () => {
  let hub: TestApp;
  beforeAll(async () => {
    hub = await startTestApp('embedded', { HUB_RATE_LIMIT_PER_MINUTE: '2' });
  });
  afterAll(async () => {
    await hub?.close();
  });

  it('counts each request against the key\'s budget and answers 429 with Retry-After when it is spent', async () => {
    const send = () => fetch(`${hub.url}/mcp`, {
      method: 'POST',
      headers: { ...hub.auth, 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' }),
    });
    const statuses = [];
    for (let i = 0; i < 3; i++) {
      const response = await send();
      statuses.push(response.status);
      if (response.status === 429) expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
      await response.body?.cancel();
    }
    expect(statuses).toEqual([200, 200, 429]);
  });
});
