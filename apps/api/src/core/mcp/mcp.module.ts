import { Global, Module } from '@nestjs/common';
import { McpEventStreams } from './mcp-event-streams';
import { McpHttpEndpoint } from './mcp-http.endpoint';
import { McpHttpSessions } from './mcp-http.sessions';
import { McpLiveSessions } from './mcp-live-sessions';
import { McpResourceRegistry } from './mcp-resource.registry';
import { McpServerFactory } from './mcp-server.factory';
import { McpSessionStore } from './mcp-session.store';
import { McpTokenVerifiers } from './mcp-token.verifier';
import { McpToolRegistry } from './mcp-tool.registry';

/**
 * The MCP server's machinery: the tool, resource and prompt registries feature modules add to, the
 * per-session server factory (used by `/mcp` and by `hub mcp` over stdio), the HTTP endpoint with
 * its Redis-backed sessions (their servers kept per instance), streams and token verifiers. Needs
 * the (global) auth, audit and change-event modules.
 */
@Global()
@Module({
  providers: [
    McpToolRegistry, McpResourceRegistry, McpServerFactory, McpTokenVerifiers, McpSessionStore, McpEventStreams,
    McpLiveSessions, McpHttpSessions, McpHttpEndpoint,
  ],
  exports: [McpToolRegistry, McpResourceRegistry, McpServerFactory, McpTokenVerifiers, McpSessionStore, McpEventStreams, McpHttpEndpoint],
})
export class McpModule {}
