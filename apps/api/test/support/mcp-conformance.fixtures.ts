import { Injectable, Module, type OnModuleInit } from '@nestjs/common';
import { completable } from '@modelcontextprotocol/sdk/server/completable.js';
import { z } from 'zod';
import { defineMcpPrompt, type HubMcpPrompt, type HubMcpResourceEntry, jsonContents } from '../../src/core/mcp/mcp-resource';
import { McpResourceRegistry } from '../../src/core/mcp/mcp-resource.registry';
import { defineMcpTool, type HubMcpTool, McpToolError, READ_ONLY_LOOKUP } from '../../src/core/mcp/mcp-tool';
import { McpToolRegistry } from '../../src/core/mcp/mcp-tool.registry';

/**
 * The fixtures the official conformance suite's server scenarios call (test_simple_text,
 * test://static-text, test_simple_prompt…), registered through the hub's own registries so the
 * suite exercises the hub's transport, sessions, auth and factory. Test-only.
 */
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

/** A 10-sample silent 8 kHz mono 8-bit WAV. */
function wav(): string {
  const samples = Buffer.alloc(10, 128);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + samples.length, 4);
  header.write('WAVEfmt ', 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(8000, 24);
  header.writeUInt32LE(8000, 28);
  header.writeUInt16LE(1, 32);
  header.writeUInt16LE(8, 34);
  header.write('data', 36);
  header.writeUInt32LE(samples.length, 40);
  return Buffer.concat([header, samples]).toString('base64');
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
const none = z.object({});
const bare = { scope: 'read' as const, annotations: READ_ONLY_LOOKUP, inputSchema: none };

export function conformanceTools(): HubMcpTool[] {
  const tools = [
    defineMcpTool({ ...bare, name: 'test_simple_text', title: 'Simple text', description: 'Returns a simple text.',
      async handler() {
        return { structured: {}, text: 'This is a simple text response for testing.' };
      } }),
    defineMcpTool({ ...bare, name: 'test_image_content', title: 'Image', description: 'Returns an image.',
      async handler() {
        return { structured: {}, text: '', content: [{ type: 'image', data: PNG, mimeType: 'image/png' }] };
      } }),
    defineMcpTool({ ...bare, name: 'test_audio_content', title: 'Audio', description: 'Returns audio.',
      async handler() {
        return { structured: {}, text: '', content: [{ type: 'audio', data: wav(), mimeType: 'audio/wav' }] };
      } }),
    defineMcpTool({ ...bare, name: 'test_embedded_resource', title: 'Embedded resource', description: 'Returns an embedded resource.',
      async handler() {
        return { structured: {}, text: '', content: [{ type: 'resource', resource: { uri: 'test://embedded-resource', mimeType: 'text/plain', text: 'This is an embedded resource content.' } }] };
      } }),
    defineMcpTool({ ...bare, name: 'test_multiple_content_types', title: 'Mixed content', description: 'Returns text, an image and a resource.',
      async handler() {
        return { structured: {}, text: '', content: [
          { type: 'text', text: 'Multiple content types test:' },
          { type: 'image', data: PNG, mimeType: 'image/png' },
          { type: 'resource', resource: { uri: 'test://mixed-content-resource', mimeType: 'application/json', text: JSON.stringify({ test: 'data', value: 123 }) } },
        ] };
      } }),
    defineMcpTool({ ...bare, name: 'test_tool_with_logging', title: 'Logging', description: 'Logs three messages while it runs.',
      async handler(_input, context) {
        await context.log('info', 'Tool execution started');
        await sleep(50);
        await context.log('info', 'Tool processing data');
        await sleep(50);
        await context.log('info', 'Tool execution completed');
        return { structured: {}, text: 'Logging tool done.' };
      } }),
    defineMcpTool({ ...bare, name: 'test_error_handling', title: 'Error', description: 'Always fails.',
      async handler() {
        throw new McpToolError('This tool intentionally returns an error for testing');
      } }),
    defineMcpTool({ ...bare, name: 'test_tool_with_progress', title: 'Progress', description: 'Reports progress 0, 50, 100.',
      async handler(_input, context) {
        for (const progress of [0, 50, 100]) {
          await context.reportProgress(progress, 100);
          if (progress < 100) await sleep(50);
        }
        return { structured: {}, text: 'Progress tool done.' };
      } }),
    defineMcpTool({ ...bare, name: 'json_schema_2020_12_tool', title: 'JSON Schema 2020-12', description: 'Tool with JSON Schema 2020-12 features',
      inputSchema: z.strictObject({ name: z.string().optional(), address: z.object({ street: z.string().optional(), city: z.string().optional() }).meta({ id: 'address' }).optional() }),
      async handler() {
        return { structured: {}, text: 'ok' };
      } }),
  ];
  return tools as unknown as HubMcpTool[];
}

export function conformanceResources(): HubMcpResourceEntry[] {
  const fixed = (uri: string, mimeType: string, body: { text: string } | { blob: string }): HubMcpResourceEntry => ({
    kind: 'resource', uri, name: uri.slice('test://'.length), title: uri, description: `Fixture ${uri}.`, mimeType, scope: 'read',
    async read() {
      return { contents: [{ uri, mimeType, ...body }] };
    },
  });
  return [
    fixed('test://static-text', 'text/plain', { text: 'This is the content of the static text resource.' }),
    fixed('test://static-binary', 'image/png', { blob: PNG }),
    fixed('test://watched-resource', 'text/plain', { text: 'Watched resource content.' }),
    {
      kind: 'template', name: 'template-data', uriTemplate: 'test://template/{id}/data', title: 'Template data', description: 'Data by id.',
      mimeType: 'application/json', scope: 'read',
      async read(uri, variables) {
        const id = String(variables['id']);
        return jsonContents(uri.href, { id, templateTest: true, data: `Data for ID: ${id}` });
      },
    },
  ];
}

export function conformancePrompts(): HubMcpPrompt[] {
  const text = (value: string) => ({ role: 'user' as const, content: { type: 'text' as const, text: value } });
  return [
    defineMcpPrompt({ name: 'test_simple_prompt', title: 'Simple', description: 'A simple prompt.', scope: 'read', args: {},
      async get() {
        return { messages: [text('This is a simple prompt for testing.')] };
      } }),
    defineMcpPrompt({ name: 'test_prompt_with_arguments', title: 'With arguments', description: 'A prompt with two arguments.', scope: 'read',
      args: { arg1: completable(z.string().describe('First test argument'), (typed) => ['paris', 'park', 'party'].filter((v) => v.startsWith(typed))), arg2: z.string().describe('Second test argument') },
      async get({ arg1, arg2 }) {
        return { messages: [text(`Prompt with arguments: arg1='${arg1}', arg2='${arg2}'`)] };
      } }),
    defineMcpPrompt({ name: 'test_prompt_with_embedded_resource', title: 'Embedded resource', description: 'Embeds a resource.', scope: 'read',
      args: { resourceUri: z.string().describe('URI of the resource to embed') },
      async get({ resourceUri }) {
        return { messages: [
          { role: 'user', content: { type: 'resource', resource: { uri: resourceUri, mimeType: 'text/plain', text: 'Embedded resource content for testing.' } } },
          text('Please process the embedded resource above.'),
        ] };
      } }),
    defineMcpPrompt({ name: 'test_prompt_with_image', title: 'Image', description: 'A prompt with an image.', scope: 'read', args: {},
      async get() {
        return { messages: [{ role: 'user', content: { type: 'image', data: PNG, mimeType: 'image/png' } }, text('Please analyze the image above.')] };
      } }),
  ] as unknown as HubMcpPrompt[];
}

/** Registers the fixtures into the hub's registries at start-up, like a feature module. */
@Injectable()
class ConformanceFixtures implements OnModuleInit {
  constructor(private readonly tools: McpToolRegistry, private readonly catalog: McpResourceRegistry) {}

  onModuleInit(): void {
    this.tools.register(...conformanceTools());
    this.catalog.registerResources(...conformanceResources());
    this.catalog.registerPrompts(...conformancePrompts());
  }
}

@Module({ providers: [ConformanceFixtures] })
export class McpConformanceFixturesModule {}
