import { Global, Module } from '@nestjs/common';
import { McpHttpEndpoint } from './mcp-http.endpoint';
import { McpServerFactory } from './mcp-server.factory';
import { McpToolRegistry } from './mcp-tool.registry';

/**
 * The MCP server's machinery: the tool registry feature modules add to, the per-session server
 * factory (used by `/mcp` and by `hub mcp` over stdio) and the HTTP endpoint. Needs the (global)
 * auth and audit modules.
 */
@Global()
@Module({
  providers: [McpToolRegistry, McpServerFactory, McpHttpEndpoint],
  exports: [McpToolRegistry, McpServerFactory, McpHttpEndpoint],
})
export class McpModule {}
