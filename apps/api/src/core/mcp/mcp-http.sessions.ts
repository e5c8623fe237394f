import { Injectable } from '@nestjs/common';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { LATEST_PROTOCOL_VERSION, SUPPORTED_PROTOCOL_VERSIONS } from '@modelcontextprotocol/sdk/types.js';
import type { Request, Response } from 'express';
import type { HubPrincipal } from '../auth/hub-principal';
import { McpEventStreams } from './mcp-event-streams';
import { jsonRpcError } from './mcp-json-rpc-error';
import { McpServerFactory } from './mcp-server.factory';
import type { McpSession } from './mcp-session';
import { McpSessionStore, type StoredSession } from './mcp-session.store';

interface Message {
  id?: string | number;
  method?: string;
  params?: Record<string, unknown>;
}

/**
 * The message side of `/mcp`, for an authenticated caller. An `initialize` opens a session in Redis
 * (Mcp-Session-Id); later POSTs of the session may reach any instance, each building a fresh server
 * over that session's state. GET opens the session's notification stream on the instance it
 * reaches; DELETE ends the session. A POST without Mcp-Session-Id (and not an initialize) is served
 * statelessly, for simple clients that skip the handshake; it cannot subscribe.
 */
@Injectable()
export class McpHttpSessions {
  constructor(
    private readonly factory: McpServerFactory,
    private readonly store: McpSessionStore,
    private readonly streams: McpEventStreams,
  ) {}

  async serve(request: Request, response: Response, principal: HubPrincipal): Promise<void> {
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
      response.status(204).end();
      return;
    }

    const messages: Message[] = Array.isArray(request.body) ? request.body : [request.body ?? {}];
    const initialize = messages.find((message) => message.method === 'initialize');
    if (!stored && initialize) {
      const asked = String(initialize.params?.['protocolVersion'] ?? '');
      stored = await this.store.create(principal.keyId, SUPPORTED_PROTOCOL_VERSIONS.includes(asked) ? asked : LATEST_PROTOCOL_VERSION);
      response.setHeader('Mcp-Session-Id', stored.id);
    }
    const session: McpSession | undefined = stored ? this.store.handle(stored) : undefined;
    if (stored) {
      await this.streams.listen();
      // The request may run on another instance: tell them all (this one included, see `track`).
      for (const message of messages) {
        const requestId = message.method === 'notifications/cancelled' ? message.params?.['requestId'] : undefined;
        if (typeof requestId === 'string' || typeof requestId === 'number') {
          await this.store.publish({ type: 'cancel', sessionId: stored.id, requestId });
        }
      }
    }

    const server = this.factory.create(principal, session);
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    // Closing the server aborts its running handlers: on a client gone away or a cancellation.
    const close = () => {
      void transport.close();
      void server.close();
    };
    const untrack = stored
      ? messages.filter((message) => message.id !== undefined && message.method).map((message) => this.streams.track(stored.id, message.id!, close))
      : [];
    response.on('close', () => {
      for (const stop of untrack) stop();
      close();
    });
    await server.connect(transport);
    await transport.handleRequest(request, response, request.body);
  }

  private async openStream(response: Response, stored: StoredSession | undefined): Promise<void> {
    if (!stored) {
      response.setHeader('Allow', 'POST');
      return jsonRpcError(response, 405, -32000, 'GET opens a session\'s notification stream: initialize first and send its Mcp-Session-Id.');
    }
    await this.streams.listen();
    this.streams.open(stored.id, response);
  }
}
