import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { AuditRecord, AuditService } from '../../modules/audit/audit.service';
import type { HubPrincipal } from '../auth/hub-principal';
import { defineMcpTool, McpToolError, READ_ONLY_LOOKUP } from './mcp-tool';
import { McpServerFactory } from './mcp-server.factory';
import { McpToolRegistry } from './mcp-tool.registry';
import { McpResourceRegistry } from './mcp-resource.registry';
import { defineMcpPrompt, type HubMcpResource, type HubMcpResourceTemplate } from './mcp-resource';

const echo = defineMcpTool({
  name: 'echo', title: 'Echo', description: 'Echoes its word back.', scope: 'read', annotations: READ_ONLY_LOOKUP,
  inputSchema: z.object({ word: z.string() }), outputSchema: z.object({ word: z.string() }),
  async handler({ word }) {
    if (word === 'fail') throw new McpToolError('The word "fail" is refused: pass another word.');
    return { structured: { word }, text: word };
  },
});
const wipe = defineMcpTool({
  name: 'wipe', title: 'Wipe', description: 'A write tool.', scope: 'write',
  annotations: { readOnlyHint: false, destructiveHint: true },
  inputSchema: z.object({}), outputSchema: z.object({ done: z.boolean() }),
  async handler() {
    return { structured: { done: true }, text: 'done' };
  },
});

const notes: HubMcpResource = {
  kind: 'resource', uri: 'test://notes', name: 'notes', title: 'Notes', description: 'Readable by all.', mimeType: 'text/plain', scope: 'read',
  async read() {
    return { contents: [{ uri: 'test://notes', text: 'hello' }] };
  },
};
const secrets: HubMcpResourceTemplate = {
  kind: 'template', name: 'secrets', uriTemplate: 'test://secrets/{id}', title: 'Secrets', description: 'Admins only.', mimeType: 'text/plain', scope: 'admin',
  async read(uri) {
    return { contents: [{ uri: uri.href, text: 'secret' }] };
  },
};
const auditPrompt = defineMcpPrompt({
  name: 'audit_review', title: 'Audit review', description: 'Write scope only.', scope: 'write', args: { topic: z.string() },
  async get({ topic }) {
    return { messages: [{ role: 'user', content: { type: 'text', text: `Review ${topic}` } }] };
  },
});

async function clientFor(principal: HubPrincipal, audit: AuditRecord[] = []): Promise<Client> {
  const registry = new McpToolRegistry();
  registry.register(echo as never, wipe as never);
  const catalog = new McpResourceRegistry();
  catalog.registerResources(notes, secrets);
  catalog.registerPrompts(auditPrompt as never);
  const factory = new McpServerFactory(registry, { recordQuietly: async (row: AuditRecord) => { audit.push(row); } } as unknown as AuditService, catalog);
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await factory.create(principal).connect(serverSide);
  const client = new Client({ name: 'test', version: '1' });
  await client.connect(clientSide);
  return client;
}

describe('the MCP server factory', () => {
  it('neither lists nor runs tools outside the key\'s scope', async () => {
    const reader = await clientFor({ keyId: '1', name: 'reader', scopes: ['read'] });
    expect((await reader.listTools()).tools.map((tool) => tool.name)).toEqual(['echo']);
    const refused = (await reader.callTool({ name: 'wipe', arguments: {} }).catch((error: Error) => ({ isError: true, content: [{ type: 'text', text: error.message }] }))) as CallToolResult;
    expect(refused.isError).toBe(true);

    const writer = await clientFor({ keyId: '2', name: 'writer', scopes: ['write'] });
    expect((await writer.listTools()).tools.map((tool) => tool.name)).toEqual(['echo', 'wipe']);
    expect(((await writer.callTool({ name: 'wipe', arguments: {} })) as CallToolResult).structuredContent).toEqual({ done: true });
  });

  it('neither lists nor serves resources and prompts outside the key\'s scope', async () => {
    const reader = await clientFor({ keyId: '1', name: 'reader', scopes: ['read'] });
    expect((await reader.listResources()).resources.map((r) => r.uri)).toEqual(['test://notes']);
    expect((await reader.listResourceTemplates()).resourceTemplates).toEqual([]);
    // No prompt left for this key: the server has no prompts at all.
    await expect(reader.listPrompts()).rejects.toThrow(/Method not found/);
    await expect(reader.readResource({ uri: 'test://secrets/1' })).rejects.toThrow(/not found/);
    await expect(reader.getPrompt({ name: 'audit_review', arguments: { topic: 'x' } })).rejects.toThrow(/not found/);
    await expect(reader.subscribeResource({ uri: 'test://secrets/1' })).rejects.toThrow(/not a resource of this hub/);

    const admin = await clientFor({ keyId: '2', name: 'admin', scopes: ['admin'] });
    expect((await admin.listResourceTemplates()).resourceTemplates.map((t) => t.uriTemplate)).toEqual(['test://secrets/{id}']);
    expect((await admin.readResource({ uri: 'test://secrets/1' })).contents[0]).toMatchObject({ text: 'secret' });
    expect((await admin.getPrompt({ name: 'audit_review', arguments: { topic: 'keys' } })).messages[0]!.content).toMatchObject({ text: 'Review keys' });
  });

  it('turns refusals into isError results and audits every call', async () => {
    const audit: AuditRecord[] = [];
    const client = await clientFor({ keyId: '7', name: 'reader', scopes: ['read'] }, audit);
    const ok = (await client.callTool({ name: 'echo', arguments: { word: 'hi' } })) as CallToolResult;
    expect(ok).toMatchObject({ structuredContent: { word: 'hi' }, content: [{ type: 'text', text: 'hi' }] });
    const refused = (await client.callTool({ name: 'echo', arguments: { word: 'fail' } })) as CallToolResult;
    expect(refused).toMatchObject({ isError: true, content: [{ type: 'text', text: expect.stringContaining('pass another word') }] });
    expect(audit.map((row) => [row.keyId, row.operation, row.outcome, row.detail?.['tool']])).toEqual([
      ['7', 'mcp.tool.call', 'ok', 'echo'],
      ['7', 'mcp.tool.call', 'error', 'echo'],
    ]);
  });
});
