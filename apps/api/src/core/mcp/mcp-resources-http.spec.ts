import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { LoggingMessageNotificationSchema, McpError, ResourceUpdatedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../../test/support/api-keys';
import { activity, at, bundleText, company, contact, deal } from '../../../test/support/bundle-fixtures';
import { type Json, startTestApp, type TestApp, TEST_ADMIN_KEY } from '../../../test/support/test-app';
import { isPostgresAvailable } from '../../../test/support/test-store';
import { createHubApp } from '../../server/create-hub-app';
import { HubEventsService } from '../events/hub-events.service';
import { z } from 'zod';
import { McpEventStreams } from './mcp-event-streams';
import { SESSION_CACHE_MS } from './mcp-session.store';
import { defineMcpTool, READ_ONLY_LOOKUP } from './mcp-tool';
import { McpToolRegistry } from './mcp-tool.registry';
import { McpTokenVerifiers } from './mcp-token.verifier';

const lines = [
  company(1, { name: 'Acme Robotics', domain: 'acme.test' }),
  company(2, { name: 'Globex' }),
  contact(10, 1, { first_name: 'Grace', last_name: 'Hopper', title: 'CTO' }),
  contact(11, 1, { first_name: 'Alan', last_name: 'Turing' }),
  contact(12, 2, { first_name: 'Hank', last_name: 'Scorpio' }),
  deal(20, 10, { company_id: 1, name: 'Acme expansion', amount: 75_000, stage: 'negotiation' }),
  deal(21, 11, { company_id: 1, name: 'Acme pilot', amount: 5_000, stage: 'closed_won', closed_at: at(5) }),
  activity(30, 10, { type: 'call', deal_id: 20, occurred_at: at(3) }),
  activity(32, 10, { type: 'stage_changed', deal_id: 20, occurred_at: at(8), metadata: { from: 'proposal', to: 'negotiation' } }),
  { type: 'email', data: { id: 40, direction: 'outbound', contact_id: 10, deal_id: 20, subject: 'Proposal', body: 'Here it is.', sent_at: at(3), thread_id: 't-1' } },
  { type: 'meeting', data: { id: 50, title: 'Kick-off', deal_id: 20, contact_ids: [10, 11], started_at: at(6), duration_minutes: 45, notes: 'Budget approved.' } },
];

const text = (result: { contents: object[] }) => JSON.parse(String((result.contents[0] as { text?: string }).text)) as Json;

describe.skipIf(!(await isPostgresAvailable()))('MCP resources, prompts, sessions and subscriptions over Streamable HTTP', () => {
  let hub: TestApp;
  let second: NestExpressApplication;
  let secondUrl: string;
  const clients: Client[] = [];

  /**
   * A client; `getTo` sends its GET stream to another instance, `postTo` picks the instance of each
   * POST after the handshake (a load balancer's doing).
   */
  async function connect(options: { key?: string; getTo?: string; postTo?: (body: string) => string | undefined } = {}): Promise<{ client: Client; transport: StreamableHTTPClientTransport }> {
    const client = new Client({ name: 'hub-test', version: '1.0.0' });
    const transport = new StreamableHTTPClientTransport(new URL(`${hub.url}/mcp`), {
      requestInit: { headers: { authorization: `Bearer ${options.key ?? TEST_ADMIN_KEY}` } },
      fetch: (url, init) => {
        const body = typeof init?.body === 'string' ? init.body : '';
        const elsewhere = init?.method === 'GET' ? options.getTo : init?.method === 'POST' && !body.includes('"initialize"') ? options.postTo?.(body) : undefined;
        return fetch(elsewhere ? `${elsewhere}/mcp` : url, init);
      },
    });
    await client.connect(transport);
    clients.push(client);
    return { client, transport };
  }
  const streamOpen = async (sessionId: string, app: NestExpressApplication) => {
    for (let i = 0; i < 100 && !app.get(McpEventStreams).hasStream(sessionId); i++) await new Promise((r) => setTimeout(r, 20));
    expect(app.get(McpEventStreams).hasStream(sessionId)).toBe(true);
  };
  const updates = (client: Client) => {
    const seen: string[] = [];
    client.setNotificationHandler(ResourceUpdatedNotificationSchema, (n) => void seen.push(n.params.uri));
    return seen;
  };
  const publish = (event: Parameters<HubEventsService['publish']>[0]) => hub.app.get(HubEventsService).publish(event);
  const settle = (ms = 400) => new Promise((r) => setTimeout(r, ms));

  beforeAll(async () => {
    hub = await startTestApp('postgres');
    const response = await fetch(`${hub.url}/api/bundles`, { method: 'POST', headers: { ...hub.auth, 'content-type': 'application/x-ndjson' }, body: bundleText(lines) });
    expect(response.status, await response.clone().text()).toBeLessThan(300);
    const s = hub.store.schema;
    await hub.store.dataSource.query(`INSERT INTO ${s}.lead_scores (contact_id, score, probability, confidence, confidence_level, factors, base_logit, recommendation, method, model_version, as_of)
      VALUES (10, 87, 0.61, 0.8, 'high', '[]', -1, 'Call this week', 'model', 'lead-score@1', now())`);
    await hub.store.dataSource.query(`INSERT INTO ${s}.model_versions (kind, version, status, params, features, training_window, metrics, artefact)
      VALUES ('churn-test', 1, 'active', '{}', '["a","b"]', '{}', '{"learner":"gbdt","test":{"roc_auc":0.83},"validation":[]}', '{}')`);
    // A second API instance on the same store and Redis prefix, as behind a load balancer.
    second = await createHubApp(hub.config, hub.store.handle, hub.store.dataSource);
    await second.listen(0, '127.0.0.1');
    secondUrl = `http://127.0.0.1:${(second.getHttpServer().address() as { port: number }).port}`;
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close().catch(() => undefined)));
    await second?.close();
    await hub?.close();
  });

  it('lists the CRM templates and hub://models, and reads records as JSON with their scores', async () => {
    const { client } = await connect();
    const { resourceTemplates } = await client.listResourceTemplates();
    expect(resourceTemplates.map((t) => t.uriTemplate).sort()).toEqual(
      ['crm://companies/{id}', 'crm://contacts/{id}', 'crm://deals/{id}', 'crm://emails/{id}', 'crm://meetings/{id}']);
    expect((await client.listResources()).resources.map((r) => r.uri)).toEqual(['hub://models']);

    const grace = text(await client.readResource({ uri: 'crm://contacts/10' }));
    expect(grace).toMatchObject({ contact: { id: 10, name: 'Grace Hopper' }, deals: [{ id: 20 }], leadScore: { score: 87, modelVersion: 'lead-score@1' } });
    const acme = text(await client.readResource({ uri: 'crm://companies/1-acme-robotics' }));
    expect(acme).toMatchObject({ company: { name: 'Acme Robotics' }, contactsTotal: 2, leadScores: [{ contactId: 10, score: 87 }] });
    expect(text(await client.readResource({ uri: 'crm://emails/40' })).email).toMatchObject({ subject: 'Proposal', threadId: 't-1' });
    expect(text(await client.readResource({ uri: 'crm://meetings/50' })).meeting.contacts).toHaveLength(2);
    expect(text(await client.readResource({ uri: 'crm://deals/20' })).deal).toMatchObject({ companyName: 'Acme Robotics' });
    const models = text(await client.readResource({ uri: 'hub://models' }));
    expect(models.kinds).toEqual([expect.objectContaining({ kind: 'churn-test', active: expect.objectContaining({ version: 1, features: 2, metrics: expect.objectContaining({ 'test.roc_auc': 0.83 }) }) })]);

    const missing = await client.readResource({ uri: 'crm://deals/999' }).catch((error: McpError) => error);
    expect(missing).toBeInstanceOf(McpError);
    expect((missing as McpError).code).toBe(-32002);
    expect((missing as McpError).message).toContain('No deal with id 999');
  });

  it('completes ids from names for templates and prompt arguments', async () => {
    const { client } = await connect();
    const companies = await client.complete({ ref: { type: 'ref/resource', uri: 'crm://companies/{id}' }, argument: { name: 'id', value: 'acme' } });
    expect(companies.completion.values).toEqual(['1-acme-robotics']);
    const contacts = await client.complete({ ref: { type: 'ref/resource', uri: 'crm://contacts/{id}' }, argument: { name: 'id', value: 'Hop' } });
    expect(contacts.completion.values).toEqual(['10-grace-hopper']);
    const deals = await client.complete({ ref: { type: 'ref/prompt', name: 'deal_review' }, argument: { name: 'deal_id', value: 'Acme' } });
    expect(deals.completion.values).toEqual(['20-acme-expansion', '21-acme-pilot']);
  });

  it('builds prompts that embed the right records', async () => {
    const { client } = await connect();
    expect((await client.listPrompts()).prompts.map((p) => p.name).sort()).toEqual(['account_brief', 'deal_review', 'follow_up_email']);
    const embedded = (result: Json) => JSON.parse(result.messages[0].content.resource.text);

    const brief = await client.getPrompt({ name: 'account_brief', arguments: { company_id: '1-acme-robotics' } });
    expect(brief.messages[0]!.content).toMatchObject({ type: 'resource', resource: { uri: 'crm://companies/1', mimeType: 'application/json' } });
    expect(embedded(brief)).toMatchObject({ company: { id: 1 }, contactsTotal: 2, dealsTotal: 2, leadScores: [{ contactId: 10 }] });
    expect(embedded(brief).recentActivities.map((a: Json) => a.id)).toEqual([32, 30]);
    expect(brief.messages[1]!.content).toMatchObject({ type: 'text', text: expect.stringContaining('brief') });

    const review = embedded(await client.getPrompt({ name: 'deal_review', arguments: { deal_id: '20' } }));
    expect(review.stageHistory).toEqual([expect.objectContaining({ id: 32, metadata: { from: 'proposal', to: 'negotiation' } })]);
    expect(review.contacts.map((c: Json) => c.id)).toEqual([10, 11]);
    const followUp = embedded(await client.getPrompt({ name: 'follow_up_email', arguments: { meeting_id: '50' } }));
    expect(followUp).toMatchObject({ meeting: { notes: 'Budget approved.' }, deal: { id: 20, name: 'Acme expansion' } });

    const bad = await client.getPrompt({ name: 'deal_review', arguments: { deal_id: 'the big one' } }).catch((error: Error) => error);
    expect((bad as Error).message).toContain('deal_id must be a deal id');
    const unknown = await client.getPrompt({ name: 'account_brief', arguments: { company_id: '404' } }).catch((error: Error) => error);
    expect((unknown as Error).message).toContain('No company with id 404');
  });

  it('notifies a subscribed record after a change event, through the instance holding the GET stream, and not after unsubscribe', async () => {
    const { client, transport } = await connect({ getTo: secondUrl });
    const seen = updates(client);
    await streamOpen(transport.sessionId!, second);
    await client.subscribeResource({ uri: 'crm://contacts/10' });
    await client.subscribeResource({ uri: 'crm://companies/1-acme-robotics' });

    await publish({ source: 'scoring', derived: { 'lead-score': [10] } });
    for (let i = 0; i < 100 && seen.length < 2; i++) await settle(20);
    expect(seen.sort()).toEqual(['crm://companies/1-acme-robotics', 'crm://contacts/10']);

    await publish({ source: 'import', records: { contact: [12] }, contacts: [12] });
    await settle();
    expect(seen).toHaveLength(2);

    await client.unsubscribeResource({ uri: 'crm://contacts/10' });
    await client.unsubscribeResource({ uri: 'crm://companies/1-acme-robotics' });
    await publish({ source: 'scoring', derived: { 'lead-score': [10] } });
    await settle();
    expect(seen).toHaveLength(2);
  });

  it('notifies a subscribed contact end to end when an import changes it', async () => {
    const { client, transport } = await connect();
    const seen = updates(client);
    await streamOpen(transport.sessionId!, hub.app);
    await client.subscribeResource({ uri: 'crm://contacts/11' });
    const response = await fetch(`${hub.url}/api/bundles`, {
      method: 'POST', headers: { ...hub.auth, 'content-type': 'application/x-ndjson' },
      body: bundleText([contact(11, 1, { first_name: 'Alan', last_name: 'Turing', title: 'Chief Scientist' })]),
    });
    expect(response.status).toBeLessThan(300);
    for (let i = 0; i < 150 && !seen.includes('crm://contacts/11'); i++) await settle(20);
    expect(seen).toContain('crm://contacts/11');
    expect(text(await client.readResource({ uri: 'crm://contacts/11' })).contact.title).toBe('Chief Scientist');
  });

  it('keeps the log level in the session across requests and instances', async () => {
    const { client } = await connect();
    const logs: string[] = [];
    client.setNotificationHandler(LoggingMessageNotificationSchema, (n) => void logs.push(`${n.params.level}:${JSON.stringify(n.params.data)}`));
    await client.callTool({ name: 'get_contact', arguments: { id: 999 } });
    expect(logs).toEqual([expect.stringMatching(/^warning:.*No contact with id 999/)]);
    await client.setLoggingLevel('error');
    await client.callTool({ name: 'get_contact', arguments: { id: 998 } });
    expect(logs).toHaveLength(1);
  });

  it('ends sessions on DELETE, hides them from other keys, and still serves stateless requests', async () => {
    const { client, transport } = await connect();
    const sessionId = transport.sessionId!;
    const other = await createApiKey(hub, ['read']);
    const asOther = await fetch(`${hub.url}/mcp`, {
      method: 'POST',
      headers: { authorization: `Bearer ${other.key}`, 'mcp-session-id': sessionId, 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' }),
    });
    expect(asOther.status).toBe(404);
    await transport.terminateSession();
    const after = await fetch(`${hub.url}/mcp`, {
      method: 'POST',
      headers: { ...hub.auth, 'mcp-session-id': sessionId, 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'ping' }),
    });
    expect(after.status).toBe(404);
    expect(await after.text()).toContain('unknown or has expired');
    expect((await client.listTools()).tools.length).toBeGreaterThan(5); // the client carries on statelessly

    const stateless = async (method: string, params: Record<string, unknown>) => (await fetch(`${hub.url}/mcp`, {
      method: 'POST',
      headers: { ...hub.auth, 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'mcp-protocol-version': '2025-06-18' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
    })).text();
    expect(await stateless('resources/read', { uri: 'crm://contacts/11' })).toContain('Alan');
    expect(await stateless('resources/subscribe', { uri: 'crm://contacts/11' })).toContain('Subscriptions need a session');
  });

  it('accepts plugged-in tokens for this hub and refuses those minted for another audience', async () => {
    const principal = { keyId: 'oauth:alice', name: 'alice', scopes: ['read' as const] };
    const stop = hub.app.get(McpTokenVerifiers).register({
      name: 'test-oauth',
      async verify(token) {
        if (token === 'jwt-ours') return { status: 'valid', principal, audience: [`${hub.url}/mcp`] };
        if (token === 'jwt-theirs') return { status: 'valid', principal, audience: ['https://other.example/mcp'] };
        return null;
      },
    });
    try {
      const { client } = await connect({ key: 'jwt-ours' });
      expect((await client.listTools()).tools.map((t) => t.name)).not.toContain('import_bundle');
      const refused = await fetch(`${hub.url}/mcp`, {
        method: 'POST',
        headers: { authorization: 'Bearer jwt-theirs', 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' }),
      });
      expect(refused.status).toBe(401);
      expect(refused.headers.get('www-authenticate')).toMatch(/error="invalid_token", error_description="The token was issued for https:\/\/other.example\/mcp/);
      expect(await refused.text()).toContain(`not for this hub (${hub.url}/mcp)`);
    } finally {
      stop();
    }
  });

  it('serves one session on whichever instance each request reaches, with the key\'s tools and the session\'s log level', async () => {
    let turn = 0;
    const key = await createApiKey(hub, ['read']);
    const { client } = await connect({ key: key.key, postTo: () => (turn++ % 2 === 0 ? secondUrl : undefined) });
    for (let i = 0; i < 4; i++) {
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name)).toContain('get_contact');
      expect(tools.map((t) => t.name)).not.toContain('import_bundle'); // rebuilt for the key's scopes
      const grace = await client.callTool({ name: 'get_contact', arguments: { id: 10 } });
      expect(grace.structuredContent).toMatchObject({ contact: { name: 'Grace Hopper' } });
    }
    const logs: string[] = [];
    client.setNotificationHandler(LoggingMessageNotificationSchema, (n) => void logs.push(n.params.level));
    await client.setLoggingLevel('error'); // on one instance…
    await settle(SESSION_CACHE_MS + 100);
    await client.callTool({ name: 'get_contact', arguments: { id: 999 } }); // …a refusal on either stays quiet
    await client.callTool({ name: 'get_contact', arguments: { id: 998 } });
    expect(logs).toEqual([]);
  });

  it('cancels a running tool call from either instance, and the session carries on', async () => {
    const runs: { aborted: boolean }[] = [];
    const slow = defineMcpTool({
      name: 'test_slow_lookup', title: 'Slow lookup', description: 'Waits until cancelled (or 10 seconds), for the cancellation test.',
      scope: 'read', annotations: READ_ONLY_LOOKUP, inputSchema: z.object({}), outputSchema: z.object({ done: z.boolean() }),
      async handler(_input, { signal }) {
        const run = { aborted: false };
        runs.push(run);
        await new Promise<void>((done) => {
          const timer = setTimeout(done, 10_000);
          signal.addEventListener('abort', () => {
            run.aborted = true;
            clearTimeout(timer);
            done();
          });
        });
        return { structured: { done: true }, text: 'done' };
      },
    });
    hub.app.get(McpToolRegistry).register(slow);
    second.get(McpToolRegistry).register(slow);
    // The call runs on the first instance; its notifications/cancelled reaches the second.
    const { client } = await connect({ postTo: (body) => (body.includes('notifications/cancelled') ? secondUrl : undefined) });
    for (const _ of [1, 2]) {
      const abort = new AbortController();
      const call = client.callTool({ name: 'test_slow_lookup', arguments: {} }, undefined, { signal: abort.signal });
      for (let i = 0; i < 100 && runs.length === 0; i++) await settle(20);
      abort.abort('the user gave up');
      await expect(call).rejects.toThrow();
      for (let i = 0; i < 100 && !runs[0]!.aborted; i++) await settle(20);
      expect(runs.shift()!.aborted).toBe(true);
    }
    expect((await client.callTool({ name: 'get_contact', arguments: { id: 10 } })).isError).toBeFalsy();
  });

  it('cancels a request running on one instance from a notifications/cancelled sent to another', async () => {
    const { transport } = await connect();
    const sessionId = transport.sessionId!;
    const headers = { ...hub.auth, 'mcp-session-id': sessionId, 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'mcp-protocol-version': '2025-06-18' };
    let closed = false;
    const streams = hub.app.get(McpEventStreams);
    const untrack = streams.track(sessionId, 'long-1', () => (closed = true));
    await fetch(`${secondUrl}/mcp`, { method: 'POST', headers, body: JSON.stringify({ jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 'long-1' } }) });
    for (let i = 0; i < 100 && !closed; i++) await settle(20);
    untrack();
    expect(closed).toBe(true);
  });
});
