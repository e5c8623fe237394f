import { Injectable, Logger } from '@nestjs/common';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
import {
  type CallToolResult, type LoggingLevel, type ServerNotification, type ServerRequest, SetLevelRequestSchema,
} from '@modelcontextprotocol/sdk/types.js';
import { AuditService } from '../../modules/audit/audit.service';
import type { HubPrincipal } from '../auth/hub-principal';
import { HUB_VERSION } from '../hub-version';
import { type HubMcpTool, type McpToolContext, McpToolError } from './mcp-tool';
import { McpToolRegistry } from './mcp-tool.registry';
import { McpResourceRegistry } from './mcp-resource.registry';
import { addCatalog } from './mcp-server-catalog';
import { logLevelPasses, type McpSession } from './mcp-session';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';

/**
 * One validator for every server: the SDK otherwise builds a new Ajv instance per server, and a
 * server is built per session and instance (and per stateless HTTP request).
 */
const SHARED_SCHEMA_VALIDATOR = new AjvJsonSchemaValidator();

const INSTRUCTIONS = [
  'The Syntroph Intelligence Hub: a read-optimised copy of the CRM (contacts, companies, deals, activities, emails, meetings) and the intelligence computed on it.',
  'Search tools return pages: follow `nextCursor` while `truncated` is true, and narrow filters rather than paging far.',
  'Long texts (email bodies, meeting notes) are cut to a size limit and say so; ids in results can be passed to the get_* tools.',
].join(' ');

type Extra = RequestHandlerExtra<ServerRequest, ServerNotification>;

/**
 * Builds one McpServer per session (the SDK binds a server to a single transport), holding only the
 * tools, resources and prompts the caller's key may use: one outside its scope is neither listed nor
 * callable. Over HTTP each instance a session's requests reach keeps a server of its own
 * (McpLiveSessions); what all of them share (log level, subscriptions) is in the `McpSession`.
 */
@Injectable()
export class McpServerFactory {
  private readonly logger = new Logger('Mcp');

  constructor(
    private readonly registry: McpToolRegistry,
    private readonly audit: AuditService,
    private readonly catalog: McpResourceRegistry,
  ) {}

  /** `session`: absent for a stateless HTTP request (no Mcp-Session-Id), which then cannot subscribe. */
  create(principal: HubPrincipal, session?: McpSession): McpServer {
    const server = new McpServer(
      { name: 'syntroph-hub', title: 'Syntroph Intelligence Hub', version: HUB_VERSION },
      {
        instructions: INSTRUCTIONS, capabilities: { logging: {}, completions: {}, resources: { subscribe: true } },
        jsonSchemaValidator: SHARED_SCHEMA_VALIDATOR,
      },
    );
    for (const tool of this.registry.toolsFor(principal)) this.registerTool(server, tool, principal, session);
    addCatalog(server, this.catalog, principal, session, this.audit);
    // The SDK keeps the level per server, and over HTTP a session has one per instance: keep it in the session.
    server.server.setRequestHandler(SetLevelRequestSchema, async (request) => {
      await session?.setLogLevel(request.params.level);
      return {};
    });
    return server;
  }

  /** A `log` bound to one request: the message travels on that request's stream (HTTP) or the pipe (stdio). */
  static logger(extra: Pick<Extra, 'sendNotification'>, session: McpSession | undefined, logger = 'hub') {
    return async (level: LoggingLevel, message: string, data?: Record<string, unknown>) => {
      if (!logLevelPasses(level, session?.logLevel)) return;
      await extra.sendNotification({ method: 'notifications/message', params: { level, logger, data: data ? { message, ...data } : message } })
        .catch(() => undefined);
    };
  }

  private registerTool(server: McpServer, tool: HubMcpTool, principal: HubPrincipal, session: McpSession | undefined): void {
    server.registerTool(
      tool.name,
      {
        title: tool.title,
        description: tool.description,
        inputSchema: tool.inputSchema,
        outputSchema: tool.outputSchema,
        annotations: { title: tool.title, ...tool.annotations },
      },
      async (input: unknown, extra: Extra) => {
        const token = extra._meta?.progressToken;
        const log = McpServerFactory.logger(extra, session, tool.name);
        let milestone = 0;
        const reportProgress = async (progress: number, total?: number, message?: string) => {
          // Quarter marks of a long tool also go to the log, for clients that show logs but not progress.
          const quarter = total ? Math.floor((progress / total) * 4) : 0;
          if (quarter > milestone) {
            milestone = quarter;
            await log('info', `${tool.name}: ${quarter * 25}% done${message ? ` (${message})` : ''}`, { progress, total });
          }
          if (token === undefined) return;
          await extra.sendNotification({ method: 'notifications/progress', params: { progressToken: token, progress, total, message } });
        };
        return this.call(tool, input, principal, { signal: extra.signal, reportProgress, log });
      },
    );
  }

  /** Runs a tool, turning every failure into an `isError` result, and writes its audit row. */
  async call(tool: HubMcpTool, input: unknown, principal: HubPrincipal, given: Omit<McpToolContext, 'principal' | 'log'> & Partial<Pick<McpToolContext, 'log'>>): Promise<CallToolResult> {
    const context: Omit<McpToolContext, 'principal'> = { log: async () => undefined, ...given };
    const started = performance.now();
    let result: CallToolResult;
    let outcome: 'ok' | 'error' = 'ok';
    let subjectIds: number[] = idsIn(input);
    let reason: string | undefined;
    try {
      const answer = await tool.handler(input as never, { principal, ...context });
      result = {
        content: answer.content ?? [{ type: 'text', text: answer.text }],
        ...(tool.outputSchema ? { structuredContent: answer.structured as Record<string, unknown> } : {}),
      };
    } catch (error) {
      outcome = 'error';
      if (error instanceof McpToolError) {
        reason = error.message;
        if (error.subjectIds.length > 0) subjectIds = error.subjectIds;
        result = { isError: true, content: [{ type: 'text', text: error.message }] };
        await context.log('warning', `${tool.name} refused: ${error.message}`);
      } else {
        reason = 'internal error';
        this.logger.error(`MCP tool ${tool.name} failed: ${(error as Error).stack ?? String(error)}`);
        result = { isError: true, content: [{ type: 'text', text: `${tool.name} failed inside the hub (${(error as Error).message}). Retrying later may help; the operator can find the cause in the hub's log.` }] };
        await context.log('error', `${tool.name} failed inside the hub: ${(error as Error).message}`);
      }
    }
    await this.audit.recordQuietly({
      keyId: principal.keyId,
      operation: 'mcp.tool.call',
      outcome,
      subjectType: tool.subjectType ?? null,
      subjectIds: subjectIds.length > 0 ? subjectIds : null,
      durationMs: performance.now() - started,
      detail: { tool: tool.name, ...(reason ? { reason: reason.slice(0, 300) } : {}) },
    });
    return result;
  }
}

/** The record ids a call names (`id`, `contactId`…), for the audit log: ids, never contents. */
function idsIn(input: unknown): number[] {
  if (!input || typeof input !== 'object') return [];
  return Object.entries(input as Record<string, unknown>)
    .filter(([key, value]) => (key === 'id' || key.endsWith('Id')) && typeof value === 'number' && Number.isSafeInteger(value))
    .map(([, value]) => value as number);
}
