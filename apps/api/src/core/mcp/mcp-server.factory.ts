import { Injectable, Logger } from '@nestjs/common';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
import type { CallToolResult, ServerNotification, ServerRequest } from '@modelcontextprotocol/sdk/types.js';
import { AuditService } from '../../modules/audit/audit.service';
import type { HubPrincipal } from '../auth/hub-principal';
import { HUB_VERSION } from '../hub-version';
import { type HubMcpTool, type McpToolContext, McpToolError } from './mcp-tool';
import { McpToolRegistry } from './mcp-tool.registry';

const INSTRUCTIONS = [
  'The Syntroph Intelligence Hub: a read-optimised copy of the CRM (contacts, companies, deals, activities, emails, meetings) and the intelligence computed on it.',
  'Search tools return pages: follow `nextCursor` while `truncated` is true, and narrow filters rather than paging far.',
  'Long texts (email bodies, meeting notes) are cut to a size limit and say so; ids in results can be passed to the get_* tools.',
].join(' ');

/**
 * Builds one McpServer per session (the SDK binds a server to a single transport), holding only the
 * tools the caller's key may use: a tool outside its scope is neither listed nor callable.
 */
@Injectable()
export class McpServerFactory {
  private readonly logger = new Logger('Mcp');

  constructor(
    private readonly registry: McpToolRegistry,
    private readonly audit: AuditService,
  ) {}

  create(principal: HubPrincipal): McpServer {
    const server = new McpServer(
      { name: 'syntroph-hub', title: 'Syntroph Intelligence Hub', version: HUB_VERSION },
      { instructions: INSTRUCTIONS, capabilities: { logging: {} } },
    );
    for (const tool of this.registry.toolsFor(principal)) this.registerTool(server, tool, principal);
    return server;
  }

  private registerTool(server: McpServer, tool: HubMcpTool, principal: HubPrincipal): void {
    server.registerTool(
      tool.name,
      {
        title: tool.title,
        description: tool.description,
        inputSchema: tool.inputSchema,
        outputSchema: tool.outputSchema,
        annotations: { title: tool.title, ...tool.annotations },
      },
      async (input: unknown, extra: RequestHandlerExtra<ServerRequest, ServerNotification>) => {
        const token = extra._meta?.progressToken;
        const reportProgress = async (progress: number, total?: number, message?: string) => {
          if (token === undefined) return;
          await extra.sendNotification({ method: 'notifications/progress', params: { progressToken: token, progress, total, message } });
        };
        return this.call(tool, input, principal, { signal: extra.signal, reportProgress });
      },
    );
  }

  /** Runs a tool, turning every failure into an `isError` result, and writes its audit row. */
  async call(tool: HubMcpTool, input: unknown, principal: HubPrincipal, context: Omit<McpToolContext, 'principal'>): Promise<CallToolResult> {
    const started = performance.now();
    let result: CallToolResult;
    let outcome: 'ok' | 'error' = 'ok';
    let subjectIds: number[] = idsIn(input);
    let reason: string | undefined;
    try {
      const answer = await tool.handler(input as never, { principal, ...context });
      result = { content: [{ type: 'text', text: answer.text }], structuredContent: answer.structured as Record<string, unknown> };
    } catch (error) {
      outcome = 'error';
      if (error instanceof McpToolError) {
        reason = error.message;
        if (error.subjectIds.length > 0) subjectIds = error.subjectIds;
        result = { isError: true, content: [{ type: 'text', text: error.message }] };
      } else {
        reason = 'internal error';
        this.logger.error(`MCP tool ${tool.name} failed: ${(error as Error).stack ?? String(error)}`);
        result = { isError: true, content: [{ type: 'text', text: `${tool.name} failed inside the hub (${(error as Error).message}). Retrying later may help; the operator can find the cause in the hub's log.` }] };
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
