import { resolve } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { type CallToolResult, LoggingMessageNotificationSchema, ResourceUpdatedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { HubEventsService } from '../src/core/events/hub-events.service';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleText, company, contact } from './support/bundle-fixtures';
import { readJson, startTestApp, type TestApp } from './support/test-app';
import { createApiKey } from './support/api-keys';
import { runHub } from './support/hub-process';
import { isPostgresAvailable, TEST_POSTGRES_URL } from './support/test-store';

const ROOT = resolve(__dirname, '../../..');

describe.skipIf(!(await isPostgresAvailable()))('hub mcp over stdio (PostgreSQL)', () => {
  let hub: TestApp;
  const clients: Client[] = [];
  let stderr = '';

  async function spawnMcp(extraArgs: string[] = []): Promise<Client> {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: ['--max-semi-space-size=32', '-r', '@swc-node/register', 'apps/api/src/main.ts', 'mcp', ...extraArgs],
      cwd: ROOT,
      env: {
        ...(process.env as Record<string, string>), DATABASE_URL: TEST_POSTGRES_URL, HUB_DB_SCHEMA: hub.store.schema,
        HUB_REDIS_PREFIX: hub.config.redis.prefix, LOG_LEVEL: 'log', HUB_DEMO: 'off',
      },
      stderr: 'pipe',
    });
    transport.stderr?.on('data', (part: Buffer) => (stderr += part.toString()));
    const client = new Client({ name: 'stdio-test', version: '1' });
    await client.connect(transport);
    clients.push(client);
    return client;
  }

  beforeAll(async () => {
    hub = await startTestApp('postgres');
    const lines = [company(1, { name: 'Initech', custom: { tier: 'gold' } }), contact(10, 1, { first_name: 'Peter', last_name: 'Gibbons' })];
    const response = await fetch(`${hub.url}/api/bundles`, { method: 'POST', headers: { ...hub.auth, 'content-type': 'application/x-ndjson' }, body: bundleText(lines) });
    expect(response.status).toBeLessThan(300);
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await hub?.close();
  });

  it('lists and calls tools as the operator, logging only to stderr', async () => {
    const client = await spawnMcp();
    expect((await client.listTools()).tools.map((tool) => tool.name)).toContain('get_company');
    const result = (await client.callTool({ name: 'search_companies', arguments: { custom: { tier: 'gold' } } })) as CallToolResult;
    expect(result.structuredContent).toMatchObject({ total: 1, companies: [{ name: 'Initech' }] });
    expect(stderr).toContain('as the operator');
    const audit = await readJson(await fetch(`${hub.url}/api/audit?operation=mcp.tool.call&keyId=cli`, { headers: hub.auth }));
    expect(audit.items[0]).toMatchObject({ keyId: 'cli', detail: { tool: 'search_companies' } });
  });

  it('acts as the key given with --key', async () => {
    const key = await createApiKey(hub, ['read']);
    const client = await spawnMcp(['--key', key.key]);
    const result = (await client.callTool({ name: 'get_contact', arguments: { id: 10 } })) as CallToolResult;
    expect(result.structuredContent).toMatchObject({ contact: { name: 'Peter Gibbons', companyName: 'Initech' } });
    expect(stderr).toContain(`as key ${key.id}`);
  });

  it('cancels a running import_bundle: the client stops waiting and nothing is written', async () => {
    const client = await spawnMcp();
    const lines = Array.from({ length: 15_000 }, (_, i) => contact(100_000 + i, 1));
    const abort = new AbortController();
    const call = client.callTool(
      { name: 'import_bundle', arguments: { bundle: bundleText(lines) } },
      undefined,
      { signal: abort.signal, onprogress: () => abort.abort('enough') },
    );
    await expect(call).rejects.toThrow();
    // The server sees the cancellation and the importer rolls back; its audit row says so when it has.
    let row: { outcome: string; detail: { reason?: string } } | undefined;
    for (let tries = 0; !row && tries < 100; tries++) {
      await new Promise((done) => setTimeout(done, 100));
      const audit = await readJson(await fetch(`${hub.url}/api/audit?operation=mcp.tool.call&subjectType=bundle`, { headers: hub.auth }));
      row = audit.items[0];
    }
    expect(row).toMatchObject({ outcome: 'error', detail: { reason: expect.stringContaining('cancelled') } });
    const found = (await client.callTool({ name: 'search_contacts', arguments: { companyId: 1 } })) as CallToolResult;
    expect(found.structuredContent).toMatchObject({ total: 1 });
  });

  it('reads resources, gets prompts, honours logging/setLevel and notifies subscriptions until unsubscribed', async () => {
    const client = await spawnMcp();
    const updated: string[] = [];
    client.setNotificationHandler(ResourceUpdatedNotificationSchema, (n) => void updated.push(n.params.uri));
    const logs: string[] = [];
    client.setNotificationHandler(LoggingMessageNotificationSchema, (n) => void logs.push(n.params.level));

    const read = await client.readResource({ uri: 'crm://contacts/10' });
    expect(JSON.parse(String((read.contents[0] as { text: string }).text))).toMatchObject({ contact: { name: 'Peter Gibbons' } });
    const completion = await client.complete({ ref: { type: 'ref/resource', uri: 'crm://companies/{id}' }, argument: { name: 'id', value: 'init' } });
    expect(completion.completion.values).toEqual(['1-initech']);
    const brief = await client.getPrompt({ name: 'account_brief', arguments: { company_id: '1' } });
    expect(JSON.stringify(brief.messages[0])).toContain('Peter Gibbons');

    await client.callTool({ name: 'get_contact', arguments: { id: 404 } });
    expect(logs).toEqual(['warning']);
    await client.setLoggingLevel('error');
    await client.callTool({ name: 'get_contact', arguments: { id: 404 } });
    expect(logs).toEqual(['warning']);

    await client.subscribeResource({ uri: 'crm://contacts/10' });
    const events = hub.app.get(HubEventsService);
    // The child starts listening in the background: publish until it hears.
    for (let tries = 0; updated.length === 0 && tries < 100; tries++) {
      await events.publish({ source: 'scoring', derived: { 'lead-score': [10] } });
      await new Promise((done) => setTimeout(done, 100));
    }
    expect(updated[0]).toBe('crm://contacts/10');
    await client.unsubscribeResource({ uri: 'crm://contacts/10' });
    await new Promise((done) => setTimeout(done, 300));
    const before = updated.length;
    await events.publish({ source: 'scoring', derived: { 'lead-score': [10] } });
    await new Promise((done) => setTimeout(done, 500));
    expect(updated).toHaveLength(before);
  });

  it('refuses a wrong key, saying so on stderr and nothing on stdout', async () => {
    const run = await runHub(['mcp', '--key', 'shk_nope_nope'], { DATABASE_URL: TEST_POSTGRES_URL, HUB_DB_SCHEMA: hub.store.schema, HUB_REDIS_PREFIX: hub.config.redis.prefix, HUB_DEMO: 'off' });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('the API key (--key or HUB_MCP_KEY) is malformed, unknown, revoked or wrong');
  });
});
