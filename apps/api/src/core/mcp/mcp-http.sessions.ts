import { Injectable } from '@nestjs/common';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import { LATEST_PROTOCOL_VERSION, SUPPORTED_PROTOCOL_VERSIONS } from '@modelcontextprotocol/sdk/types.js';
import type { ServerResponse } from 'node:http';
import type { HubPrincipal } from '../auth/hub-principal';
import { McpEventStreams } from './mcp-event-streams';
import { jsonRpcError } from './mcp-json-rpc-error';
import { McpLiveSessions } from './mcp-live-sessions';
import { McpServerFactory } from './mcp-server.factory';
import { type McpClientHello, McpSessionStore, type StoredSession } from './mcp-session.store';
import { type McpHttpRequest, sendWebResponse, webRequestOf } from './mcp-web-exchange';

interface Message {
  id?: string | number;
  method?: string;
  params?: Record<string, unknown>;
}

/**
 * The message side of `/mcp`, for an authenticated caller. An `initialize` opens a session in Redis
 * (Mcp-Session-Id); later POSTs of the session may reach any instance, which serves them with the
 * session's server kept there (McpLiveSessions: built once per instance, over the session's state
 * in Redis). GET opens the session's notification stream on the instance it reaches; DELETE ends
 * the session. A POST without Mcp-Session-Id (and not an initialize) is served statelessly, for
 * simple clients that skip the handshake; it cannot subscribe.
 */
@Injectable()
export class McpHttpSessions {
  constructor(
    private readonly factory: McpServerFactory,
    private readonly store: McpSessionStore,
    private readonly streams: McpEventStreams,
    private readonly live: McpLiveSessions,
  ) {}

  async serve(request: McpHttpRequest, response: ServerResponse, principal: HubPrincipal): Promise<void> {
    const header = request.headers['mcp-session-id'];
    const sessionId = Array.isArray(header) ? header[0] : header;
    let stored: StoredSession | undefined;
    if (sessionId !== undefined) {
      stored = await this.store.find(sessionId);
      // Another key's session answers like an unknown one: ids are not to be probed.
      if (!stored || stored.keyId !== principal.keyId) {
        return jsonRpcError(response, 404, -32001, `Session "${sessionId}" is unknown or has expired: send initialize again (without Mcp-Session-Id) to start a new one.`);
      }
    }
    if (request.method === 'GET') return this.openStream(response, stored);
    if (request.method === 'DELETE') {
      if (!stored) return jsonRpcError(response, 400, -32000, 'DELETE ends a session: send its Mcp-Session-Id.');
      await this.store.remove(stored.id);
      this.streams.end(stored.id);
      this.live.drop(stored.id);
      response.writeHead(204).end();
      return;
    }

    const messages: Message[] = Array.isArray(request.body) ? request.body : [(request.body ?? {}) as Message];
    const initialize = stored ? undefined : messages.find((message) => message.method === 'initialize');
    if (initialize) {
      const asked = String(initialize.params?.['protocolVersion'] ?? '');
      stored = await this.store.create(principal.keyId, SUPPORTED_PROTOCOL_VERSIONS.includes(asked) ? asked : LATEST_PROTOCOL_VERSION, clientHelloOf(initialize.params));
      response.setHeader('Mcp-Session-Id', stored.id);
    }
    if (!stored) return this.serveStateless(request, response, principal);

    await this.streams.listen();
    // The request may run on another instance: tell them all (this one included, see `track`).
    for (const message of messages) {
      const requestId = message.method === 'notifications/cancelled' ? message.params?.['requestId'] : undefined;
      if (typeof requestId === 'string' || typeof requestId === 'number') {
        await this.store.publish({ type: 'cancel', sessionId: stored.id, requestId });
      }
    }
    const live = await this.live.obtain(stored, principal, initialize !== undefined);
    const liveId = stored.id;
    const requestIds = messages.filter((message) => message.id !== undefined && message.method).map((message) => message.id!);
    const untrack = requestIds.map((id) => this.streams.track(liveId, id, () => live.cancel(id)));
    response.once('close', () => {
      for (const stop of untrack) stop();
      // A client gone away before its answer: its requests stop, the session carries on.
      if (!response.writableFinished) for (const id of requestIds) live.cancel(id);
    });
    const answer = await live.transport.handleRequest(webRequestOf(request), { parsedBody: request.body });
    if (initialize && live.transport.sessionId === undefined) this.live.drop(liveId); // the handshake was refused
    await sendWebResponse(answer, response);
  }

  /** A POST without a session: a server built for this one request, closed with its response. */
  private async serveStateless(request: McpHttpRequest, response: ServerResponse, principal: HubPrincipal): Promise<void> {
    const server = this.factory.create(principal);
    const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    // Closing the server aborts its running handlers: on a client gone away, or once answered.
    response.once('close', () => void server.close().catch(() => undefined));
    await server.connect(transport);
    await sendWebResponse(await transport.handleRequest(webRequestOf(request), { parsedBody: request.body }), response);
  }

  private async openStream(response: ServerResponse, stored: StoredSession | undefined): Promise<void> {
    if (!stored) {
      response.setHeader('Allow', 'POST');
      return jsonRpcError(response, 405, -32000, 'GET opens a session\'s notification stream: initialize first and send its Mcp-Session-Id.');
    }
    await this.streams.listen();
    this.streams.open(stored.id, response);
  }
}

/** The client's part of an `initialize`, kept with the session for instances that rebuild it. */
function clientHelloOf(params: Record<string, unknown> | undefined): McpClientHello | undefined {
  const capabilities = params?.['capabilities'];
  const clientInfo = params?.['clientInfo'] as McpClientHello['clientInfo'] | undefined;
  if (!capabilities || typeof capabilities !== 'object' || !clientInfo || typeof clientInfo.name !== 'string') return undefined;
  return { capabilities: capabilities as Record<string, unknown>, clientInfo };
}
