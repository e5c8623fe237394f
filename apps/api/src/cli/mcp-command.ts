import { ConsoleLogger, type LogLevel, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { ApiScope } from '@hub/contracts';
import { AuthModule } from '../core/auth/auth.module';
import { ApiKeyVerifier } from '../core/auth/api-key.verifier';
import { CLI_ACTOR, type HubPrincipal } from '../core/auth/hub-principal';
import { HubConfigModule } from '../core/config/config.module';
import type { HubConfig } from '../core/config/hub-config';
import { DatabaseModule } from '../core/database/database.module';
import { McpModule } from '../core/mcp/mcp.module';
import { McpServerFactory } from '../core/mcp/mcp-server.factory';
import { HubEventsModule } from '../core/events/hub-events.module';
import { HubEventsService } from '../core/events/hub-events.service';
import { McpResourceRegistry } from '../core/mcp/mcp-resource.registry';
import { LocalMcpSession } from '../core/mcp/mcp-session';
import { watchSubscriptions } from '../core/mcp/mcp-subscription.watcher';
import { ModelsModule } from '../modules/models/models.module';
import { QueueModule } from '../core/queue/queue.module';
import { AuditModule } from '../modules/audit/audit.module';
import { BundlesModule } from '../modules/bundles/bundles.module';
import { CrmMcpModule } from '../modules/crm/crm-mcp.module';
import { JobsModule } from '../modules/jobs/jobs.module';
import { WebhooksModule } from '../modules/webhooks/webhooks.module';
import { openStore } from './open-store';

/** Nest's logger, but on stderr only: stdout carries the MCP messages and nothing else. */
class StderrLogger extends ConsoleLogger {
  protected override printMessages(messages: unknown[], context?: string, logLevel?: LogLevel, _stream?: 'stdout' | 'stderr', errorStack?: unknown): void {
    super.printMessages(messages, context, logLevel, 'stderr', errorStack);
  }
}

/**
 * `hub mcp`: the MCP server over stdio, for a desktop assistant that starts it as a child process.
 * With `--key` or HUB_MCP_KEY it acts as that API key (its scopes, its audit rows); without one it
 * acts as the operator (`cli`, full scope), like every other `hub` command: whoever can start it
 * can already read the store's files or database URL, so a key would protect nothing more.
 */
export async function runMcpStdio(config: HubConfig, keyOption: string | undefined): Promise<void> {
  // Anything a library prints with console.log would corrupt the protocol stream.
  console.log = console.error;
  console.info = console.error;
  console.debug = console.error;
  const store = await openStore(config, 'join');
  const levels = (['error', 'warn', 'log', 'debug', 'verbose'] as LogLevel[]).slice(0, ['error', 'warn', 'log', 'debug', 'verbose'].indexOf(config.logLevel) + 1);

  @Module({
    imports: [
      HubConfigModule.forRoot(config), DatabaseModule.forRoot(store.handle, store.dataSource), QueueModule.forRoot(config),
      HubEventsModule, AuditModule, AuthModule, McpModule, CrmMcpModule, ModelsModule, JobsModule, BundlesModule, WebhooksModule,
    ],
  })
  class McpStdioModule {}

  const app = await NestFactory.createApplicationContext(McpStdioModule, { logger: new StderrLogger('Hub', { logLevels: levels }) });
  await app.init();
  const close = async () => {
    await app.close();
    await store.close();
  };

  const key = keyOption ?? config.mcp.stdioKey?.reveal();
  let principal: HubPrincipal;
  if (key) {
    const found = await app.get(ApiKeyVerifier).verify(key);
    if (!found) {
      await close();
      throw new Error('hub mcp: the API key (--key or HUB_MCP_KEY) is malformed, unknown, revoked or wrong.');
    }
    principal = found;
  } else {
    principal = { keyId: CLI_ACTOR, name: 'hub mcp (operator)', scopes: ['admin'] satisfies ApiScope[] };
  }

  // One long session: the log level and subscriptions live in memory, change events arrive over Redis.
  const session = new LocalMcpSession('stdio');
  const server = app.get(McpServerFactory).create(principal, session);
  const stopWatching = watchSubscriptions(app.get(HubEventsService), app.get(McpResourceRegistry), session,
    (uri) => server.server.sendResourceUpdated({ uri }));
  const transport = new StdioServerTransport();
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    stopWatching();
    await server.close();
    await close();
    process.exit(0);
  };
  transport.onclose = () => void stop();
  process.stdin.on('end', () => void stop());
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  await server.connect(transport);
  process.stderr.write(`hub mcp: serving over stdio as ${principal.keyId === CLI_ACTOR ? 'the operator (full scope)' : `key ${principal.keyId} (${principal.scopes.join(', ')})`}.\n`);
}
