import { type McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
import {
  ErrorCode, McpError, type ServerNotification, type ServerRequest, SubscribeRequestSchema, UnsubscribeRequestSchema,
} from '@modelcontextprotocol/sdk/types.js';
import type { AuditService } from '../../modules/audit/audit.service';
import type { HubPrincipal } from '../auth/hub-principal';
import { type McpCompleter, RESOURCE_NOT_FOUND } from './mcp-resource';
import type { McpResourceRegistry } from './mcp-resource.registry';
import type { McpSession } from './mcp-session';

type Extra = RequestHandlerExtra<ServerRequest, ServerNotification>;

/**
 * Adds the resources, templates and prompts the caller's key may use to a fresh server, with
 * `resources/subscribe` and `resources/unsubscribe` kept in the session. Each read and prompt is
 * audited; failures other than "not found" or bad arguments become a generic internal error.
 */
export function addCatalog(server: McpServer, registry: McpResourceRegistry, principal: HubPrincipal, session: McpSession | undefined, audit: AuditService): void {
  const audited = async <T>(operation: string, detail: Record<string, unknown>, work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    let outcome: 'ok' | 'error' = 'ok';
    try {
      return await work();
    } catch (error) {
      outcome = 'error';
      if (error instanceof McpError) throw error;
      throw new McpError(ErrorCode.InternalError, `The hub failed to answer (${(error as Error).message}); the operator can find the cause in its log.`);
    } finally {
      await audit.recordQuietly({ keyId: principal.keyId, operation, outcome, durationMs: performance.now() - started, detail });
    }
  };
  const context = (extra: Extra) => ({ principal, signal: extra.signal });

  for (const entry of registry.resourcesFor(principal)) {
    const metadata = { title: entry.title, description: entry.description, mimeType: entry.mimeType };
    if (entry.kind === 'resource') {
      server.registerResource(entry.name, entry.uri, metadata, (uri, extra) =>
        audited('mcp.resource.read', { uri: uri.toString() }, () => entry.read(context(extra))));
      continue;
    }
    const complete: Record<string, (typed: string, ctx?: { arguments?: Record<string, string> }) => Promise<string[]>> = {};
    for (const [variable, completer] of Object.entries(entry.complete ?? {})) complete[variable] = safeCompleter(completer);
    const template = new ResourceTemplate(entry.uriTemplate, { list: undefined, complete });
    server.registerResource(entry.name, template, metadata, (uri, variables, extra) =>
      audited('mcp.resource.read', { uri: uri.toString() }, () => entry.read(uri, variables, context(extra))));
  }

  for (const prompt of registry.promptsFor(principal)) {
    server.registerPrompt(prompt.name, { title: prompt.title, description: prompt.description, argsSchema: prompt.args }, (args, extra) =>
      audited('mcp.prompt.get', { prompt: prompt.name }, () => prompt.get(args as never, context(extra))));
  }

  const subscription = async (uri: string, change: (session: McpSession) => Promise<void>) => {
    if (!registry.entryFor(uri, principal)) {
      throw new McpError(RESOURCE_NOT_FOUND, `"${uri}" is not a resource of this hub (or not one this key may read); see resources/templates/list.`, { uri });
    }
    if (!session) {
      throw new McpError(ErrorCode.InvalidRequest, 'Subscriptions need a session: initialize without skipping the handshake and send its Mcp-Session-Id with every request.');
    }
    await change(session);
    return {};
  };
  server.server.setRequestHandler(SubscribeRequestSchema, (request) => subscription(request.params.uri, (s) => s.subscribe(request.params.uri)));
  server.server.setRequestHandler(UnsubscribeRequestSchema, (request) => subscription(request.params.uri, (s) => s.unsubscribe(request.params.uri)));
}

/** Completion is a convenience: a failing lookup suggests nothing rather than failing the client. */
function safeCompleter(completer: McpCompleter): McpCompleter {
  return async (typed, context) => {
    try {
      return (await completer(typed, context)).slice(0, 100);
    } catch {
      return [];
    }
  };
}
