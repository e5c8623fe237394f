import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import type { HubChangeEvent } from '../events/hub-change-event';
import { HubEventsService } from '../events/hub-events.service';
import { McpResourceRegistry } from './mcp-resource.registry';
import { type McpControlMessage, McpSessionStore } from './mcp-session.store';

/** Comment frames on idle streams, so proxies that cut silent connections leave them open. */
export const KEEP_ALIVE_MS = 15_000;

interface OpenStream {
  response: ServerResponse;
  timer: ReturnType<typeof setInterval>;
}

/**
 * The sessions' GET streams held by this instance, and the requests it is running for sessions.
 * Every instance hears every change event (HubEventsService) and every control message (Redis
 * pub/sub): it notifies the subscriptions of the streams it holds, and aborts the requests it runs
 * when a `notifications/cancelled` for them reached any instance.
 */
@Injectable()
export class McpEventStreams implements OnModuleDestroy {
  private readonly logger = new Logger('Mcp');
  private readonly streams = new Map<string, OpenStream>();
  private readonly running = new Map<string, () => void>();
  private listening?: Promise<void>;
  private stopEvents?: () => void;

  constructor(
    private readonly store: McpSessionStore,
    private readonly events: HubEventsService,
    private readonly registry: McpResourceRegistry,
  ) {}

  /** Starts listening (once): change events and control messages. */
  listen(): Promise<void> {
    this.listening ??= (async () => {
      this.stopEvents = await this.events.subscribe((event) => this.onChange(event));
      await this.store.onControl((message) => this.onControl(message));
    })();
    return this.listening;
  }

  /** Opens the session's server-to-client stream on this response; a newer stream replaces an older one. */
  open(sessionId: string, response: ServerResponse): void {
    this.end(sessionId);
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive' });
    response.flushHeaders();
    response.write(': stream open\n\n');
    const timer = setInterval(() => {
      response.write(': keep-alive\n\n');
      // Renews the session while a client listens; a session ended elsewhere closes the stream.
      void this.store.find(sessionId).then((session) => {
        if (!session) this.end(sessionId);
      }).catch(() => undefined);
    }, KEEP_ALIVE_MS);
    const stream = { response, timer };
    this.streams.set(sessionId, stream);
    response.on('close', () => {
      clearInterval(timer);
      if (this.streams.get(sessionId) === stream) this.streams.delete(sessionId);
    });
  }

  hasStream(sessionId: string): boolean {
    return this.streams.has(sessionId);
  }

  /** Registers a running request of a session; `abort` ends it. Returns the unregistration. */
  track(sessionId: string, requestId: string | number, abort: () => void): () => void {
    const key = `${sessionId} ${JSON.stringify(requestId)}`;
    this.running.set(key, abort);
    return () => {
      if (this.running.get(key) === abort) this.running.delete(key);
    };
  }

  end(sessionId: string): void {
    const stream = this.streams.get(sessionId);
    if (!stream) return;
    this.streams.delete(sessionId);
    clearInterval(stream.timer);
    stream.response.end();
  }

  private onControl(message: McpControlMessage): void {
    if (message.type === 'end') return this.end(message.sessionId);
    this.running.get(`${message.sessionId} ${JSON.stringify(message.requestId)}`)?.();
  }

  private async onChange(event: HubChangeEvent): Promise<void> {
    for (const [sessionId, stream] of [...this.streams]) {
      try {
        const subscribed = await this.store.subscriptions(sessionId);
        if (subscribed.length === 0) continue;
        for (const uri of await this.registry.affected(event, subscribed)) {
          const message = { jsonrpc: '2.0', method: 'notifications/resources/updated', params: { uri } };
          stream.response.write(`event: message\ndata: ${JSON.stringify(message)}\n\n`);
        }
      } catch (error) {
        this.logger.warn(`Could not notify MCP session ${sessionId} of change ${event.id}: ${(error as Error).message}`);
      }
    }
  }

  onModuleDestroy(): void {
    this.stopEvents?.();
    for (const sessionId of [...this.streams.keys()]) this.end(sessionId);
  }
}
