import { Injectable } from '@nestjs/common';
import { grantsScope } from '@hub/contracts';
import type { HubPrincipal } from '../auth/hub-principal';
import type { HubMcpTool } from './mcp-tool';

/**
 * Every MCP tool of the hub. Feature modules register theirs at start-up (see `McpToolProvider`
 * usage in modules/crm/crm-mcp.tools.ts), so adding a capability touches only its own folder.
 */
@Injectable()
export class McpToolRegistry {
  private readonly tools = new Map<string, HubMcpTool>();

  register(...tools: HubMcpTool[]): void {
    for (const tool of tools) {
      if (this.tools.has(tool.name)) throw new Error(`The MCP tool "${tool.name}" is registered twice.`);
      this.tools.set(tool.name, tool);
    }
  }

  /** The tools a caller may see and call: those whose scope its key grants. */
  toolsFor(principal: HubPrincipal): HubMcpTool[] {
    return [...this.tools.values()].filter((tool) => grantsScope(principal.scopes, tool.scope));
  }

  all(): HubMcpTool[] {
    return [...this.tools.values()];
  }
}
