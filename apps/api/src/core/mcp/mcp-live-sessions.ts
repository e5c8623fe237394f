import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import { LATEST_PROTOCOL_VERSION } from '@modelcontextprotocol/sdk/types.js';
import type { HubPrincipal } from '../auth/hub-principal';
import { McpServerFactory } from './mcp-server.factory';
import type { McpSession } from './mcp-session';
import { McpSessionStore, type StoredSession } from './mcp-session.store';

/** A session's server unused this long on an instance is closed there (and rebuilt if a request comes). */
export const LIVE_SESSION_IDLE_MS = 5 * 60_000;
const MAX_LIVE_SESSIONS = 2_000;
/** The id of the `initialize` an instance replays to rebuild a session; clients number theirs. */
const REBUILD_REQUEST_ID = 'hub-rebuild-initialize';

/** One session's server and stateful transport on this instance, for one caller's scopes. */
export interface LiveSession {
  readonly transport: WebStandardStreamableHTTPServerTransport;
  /** Aborts one running request of the session and ends its HTTP response; the session carries on. */
  cancel(requestId: string | number): void;
}

interface Entry {
  live: Promise<LiveSession>;
  session: RefreshedSession;
  server?: McpServer;
  usedAt: number;
}

/**
 * The servers of the MCP sessions this instance is serving, kept between requests: building a
 * server (every tool, resource and prompt the key may use) was most of the hub's CPU per call.
 * Redis stays the authority (McpSessionStore: existence, owner, log level, subscriptions), so any
 * instance can serve any request: one that meets a session it has not seen builds its server and
 * replays the client's `initialize` (kept in Redis) through the SDK's transport, which then
 * accepts the session's requests as if the handshake had happened here.
 */
@Injectable()
export class McpLiveSessions implements OnModuleDestroy {
  /** By session id, then by the caller's scopes (a key's scopes decide the server's tools). */
  private readonly sessions = new Map<string, Map<string, Entry>>();
  private sweeper?: ReturnType<typeof setInterval>;
  private listening = false;

  constructor(
    private readonly factory: McpServerFactory,
    private readonly store: McpSessionStore,
  ) {}

  /**
   * The session's server for this caller, built on first use. `initializing`: the request holds
   * the session's own `initialize`, so there is nothing to replay.
   */
  obtain(stored: StoredSession, principal: HubPrincipal, initializing: boolean): Promise<LiveSession> {
    this.start();
    const now = Date.now();
    let byCaller = this.sessions.get(stored.id);
    if (byCaller) {
      // Most recently used last: eviction takes the first.
      this.sessions.delete(stored.id);
      this.sessions.set(stored.id, byCaller);
    } else {
      if (this.sessions.size >= MAX_LIVE_SESSIONS) this.drop(this.sessions.keys().next().value!);
      byCaller = new Map();
      this.sessions.set(stored.id, byCaller);
    }
    const caller = callerOf(principal);
    const known = byCaller.get(caller);
    if (known) {
      known.usedAt = now;
      known.session.refresh(stored);
      return known.live;
    }
    const entry = { session: new RefreshedSession(this.store, stored), usedAt: now } as Entry;
    entry.live = this.build(entry, stored, principal, initializing);
    // A failed build is not kept: the next request tries again.
    entry.live.catch(() => {
      if (byCaller.get(caller) === entry) byCaller.delete(caller);
    });
    byCaller.set(caller, entry);
    return entry.live;
  }

  /** Closes the session's servers on this instance (the session ended, or never got going). */
  drop(sessionId: string): void {
    const byCaller = this.sessions.get(sessionId);
    if (!byCaller) return;
    this.sessions.delete(sessionId);
    for (const entry of byCaller.values()) void entry.server?.close().catch(() => undefined);
  }

  private async build(entry: Entry, stored: StoredSession, principal: HubPrincipal, initializing: boolean): Promise<LiveSession> {
    const server = this.factory.create(principal, entry.session);
    entry.server = server;
    const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: () => stored.id });
    try {
      await server.connect(transport);
      if (!initializing) await replayInitialize(transport, stored);
    } catch (error) {
      await server.close().catch(() => undefined);
      throw error;
    }
    return {
      transport,
      cancel(requestId) {
        // The SDK's own cancellation: aborts that handler's signal, and no answer is sent.
        void transport.onmessage?.({ jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId, reason: 'cancelled' } });
        transport.closeSSEStream(requestId);
      },
    };
  }

  private start(): void {
    if (this.listening) return;
    this.listening = true;
    void this.store.onControl((message) => {
      if (message.type === 'end') this.drop(message.sessionId);
    }).catch(() => undefined);
    this.sweeper = setInterval(() => this.sweep(), LIVE_SESSION_IDLE_MS / 5);
    this.sweeper.unref();
  }

  private sweep(): void {
    const idleSince = Date.now() - LIVE_SESSION_IDLE_MS;
    for (const [sessionId, byCaller] of this.sessions) {
      for (const [caller, entry] of byCaller) {
        if (entry.usedAt >= idleSince) continue;
        byCaller.delete(caller);
        void entry.server?.close().catch(() => undefined);
      }
      if (byCaller.size === 0) this.sessions.delete(sessionId);
    }
  }

  onModuleDestroy(): void {
    if (this.sweeper) clearInterval(this.sweeper);
    for (const sessionId of [...this.sessions.keys()]) this.drop(sessionId);
  }
}

/** What decides a server's contents: the key and its scopes (a minted token's too). */
function callerOf(principal: HubPrincipal): string {
  return `${principal.keyId}\n${principal.scopes.join(',')}\n${principal.token?.prefix ?? ''}`;
}

/**
 * Puts a fresh transport and server in the state the session's handshake left them in, through the
 * transport's public request handling: the server answers the client's own `initialize` again
 * (capabilities, client info, protocol version), and the transport takes the session's id.
 */
async function replayInitialize(transport: WebStandardStreamableHTTPServerTransport, stored: StoredSession): Promise<void> {
  const request = new Request('http://localhost/mcp', {
    method: 'POST',
    headers: { accept: 'application/json, text/event-stream', 'content-type': 'application/json' },
  });
  const params = {
    protocolVersion: stored.protocolVersion || LATEST_PROTOCOL_VERSION,
    capabilities: stored.client?.capabilities ?? {},
    clientInfo: stored.client?.clientInfo ?? { name: 'unknown', version: '0' },
  };
  const answer = await transport.handleRequest(request, { parsedBody: { jsonrpc: '2.0', id: REBUILD_REQUEST_ID, method: 'initialize', params } });
  const text = await answer.text(); // ends when the server has answered
  if (transport.sessionId !== stored.id) {
    throw new Error(`Could not rebuild MCP session ${stored.id} on this instance: its initialize was answered ${answer.status} ${text.slice(0, 200)}`);
  }
}

/**
 * The session as a long-lived server sees it: each request refreshes it from the store's (briefly
 * cached) copy, so a log level set through another instance applies here too.
 */
class RefreshedSession implements McpSession {
  private source: StoredSession;
  private handle: McpSession;

  constructor(private readonly store: McpSessionStore, stored: StoredSession) {
    this.source = stored;
    this.handle = store.handle(stored);
  }

  refresh(stored: StoredSession): void {
    if (stored === this.source) return;
    this.source = stored;
    this.handle = this.store.handle(stored);
  }

  get id(): string {
    return this.source.id;
  }

  get logLevel() {
    return this.handle.logLevel;
  }

  setLogLevel(level: Parameters<McpSession['setLogLevel']>[0]): Promise<void> {
    return this.handle.setLogLevel(level);
  }

  subscribe(uri: string): Promise<void> {
    return this.handle.subscribe(uri);
  }

  unsubscribe(uri: string): Promise<void> {
    return this.handle.unsubscribe(uri);
  }

  subscriptions(): Promise<string[]> {
    return this.handle.subscriptions();
  }
}
