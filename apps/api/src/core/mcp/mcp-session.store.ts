import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { LoggingLevel } from '@modelcontextprotocol/sdk/types.js';
import { Redis } from 'ioredis';
import { HUB_CONFIG, type HubConfig } from '../config/hub-config';
import { redisOptions } from '../queue/redis-options';
import type { McpSession } from './mcp-session';

/** A session idle this long (no request, no open stream) is forgotten. */
export const SESSION_TTL_SECONDS = 30 * 60;
/**
 * How long an instance reuses a session it read from Redis, sparing a round trip on every call of
 * a busy session. A session ended through any instance is dropped at once where the `end` control
 * message is heard, and within this time anywhere else; its expiry is renewed once per this time.
 */
export const SESSION_CACHE_MS = 1_000;
const MAX_CACHED_SESSIONS = 10_000;

export interface StoredSession {
  id: string;
  keyId: string;
  protocolVersion: string;
  logLevel: LoggingLevel | undefined;
  createdAt: string;
  /** What the client said in `initialize`, replayed by an instance that rebuilds the session's server. */
  client?: McpClientHello;
}

/** The client's side of the `initialize` handshake. */
export interface McpClientHello {
  capabilities: Record<string, unknown>;
  clientInfo: { name: string; version: string; [more: string]: unknown };
}

/** Cross-instance messages about sessions: cancel a request, end a session's streams. */
export type McpControlMessage =
  | { type: 'cancel'; sessionId: string; requestId: string | number }
  | { type: 'end'; sessionId: string };

/**
 * MCP sessions of the HTTP transport, in Redis: any API instance can serve any request of a
 * session, and the instance holding its GET stream hears about changes through pub/sub.
 */
@Injectable()
export class McpSessionStore implements OnModuleDestroy {
  private readonly logger = new Logger('Mcp');
  private readonly prefix: string;
  private commands?: Redis;
  private subscriber?: Redis;
  private readonly controlListeners = new Set<(message: McpControlMessage) => void>();
  private readonly recent = new Map<string, { session: StoredSession; until: number }>();

  constructor(@Inject(HUB_CONFIG) private readonly config: HubConfig) {
    this.prefix = `${config.redis.prefix}:mcp`;
  }

  private get redis(): Redis {
    if (!this.commands) {
      this.commands = new Redis({ ...redisOptions(this.config.redis.url, 'producer'), enableOfflineQueue: true });
      this.commands.on('error', () => undefined);
    }
    return this.commands;
  }

  private key(id: string): string {
    return `${this.prefix}:session:${id}`;
  }

  async create(keyId: string, protocolVersion: string, client?: McpClientHello): Promise<StoredSession> {
    const session: StoredSession = { id: randomUUID(), keyId, protocolVersion, logLevel: undefined, createdAt: new Date().toISOString(), client };
    await this.redis.multi()
      .hset(this.key(session.id), { keyId, protocolVersion, createdAt: session.createdAt, ...(client ? { client: JSON.stringify(client) } : {}) })
      .expire(this.key(session.id), SESSION_TTL_SECONDS)
      .exec();
    return session;
  }

  /** The session, its expiry renewed; undefined when unknown or expired. Reused for SESSION_CACHE_MS. */
  async find(id: string): Promise<StoredSession | undefined> {
    const now = Date.now();
    const cached = this.recent.get(id);
    if (cached && cached.until > now) return cached.session;
    const session = await this.read(id);
    if (session) {
      if (this.recent.size >= MAX_CACHED_SESSIONS) this.recent.clear();
      this.recent.set(id, { session, until: now + SESSION_CACHE_MS });
    } else {
      this.recent.delete(id);
    }
    return session;
  }

  private async read(id: string): Promise<StoredSession | undefined> {
    if (!/^[0-9a-f-]{36}$/.test(id)) return undefined;
    const [[, fields]] = (await this.redis.multi()
      .hgetall(this.key(id))
      .expire(this.key(id), SESSION_TTL_SECONDS)
      .expire(`${this.key(id)}:subs`, SESSION_TTL_SECONDS)
      .exec()) as [[unknown, Record<string, string>]];
    if (!fields['keyId']) return undefined;
    return {
      id, keyId: fields['keyId'], protocolVersion: fields['protocolVersion'] ?? '',
      logLevel: (fields['logLevel'] as LoggingLevel | undefined) ?? undefined, createdAt: fields['createdAt'] ?? '',
      client: clientHelloOf(fields['client']),
    };
  }

  async remove(id: string): Promise<void> {
    this.recent.delete(id);
    await this.redis.del(this.key(id), `${this.key(id)}:subs`);
    await this.publish({ type: 'end', sessionId: id });
  }

  async subscriptions(id: string): Promise<string[]> {
    return this.redis.smembers(`${this.key(id)}:subs`);
  }

  /** The session as the server factory uses it during one request. */
  handle(stored: StoredSession): McpSession {
    const key = this.key(stored.id);
    const redis = this.redis;
    const state = { logLevel: stored.logLevel };
    const recent = this.recent;
    return {
      id: stored.id,
      get logLevel() {
        return state.logLevel;
      },
      async setLogLevel(level) {
        state.logLevel = level;
        const cached = recent.get(stored.id);
        if (cached) cached.session = { ...cached.session, logLevel: level };
        await redis.hset(key, 'logLevel', level);
      },
      async subscribe(uri) {
        await redis.multi().sadd(`${key}:subs`, uri).expire(`${key}:subs`, SESSION_TTL_SECONDS).exec();
      },
      async unsubscribe(uri) {
        await redis.srem(`${key}:subs`, uri);
      },
      subscriptions: () => this.subscriptions(stored.id),
    };
  }

  async publish(message: McpControlMessage): Promise<void> {
    try {
      await this.redis.publish(`${this.prefix}:control`, JSON.stringify(message));
    } catch (error) {
      this.logger.warn(`Could not publish an MCP ${message.type} message: ${(error as Error).message}`);
    }
  }

  /** Hears control messages from every instance (this one included). */
  async onControl(listener: (message: McpControlMessage) => void): Promise<void> {
    this.controlListeners.add(listener);
    if (this.subscriber) return;
    this.subscriber = new Redis(redisOptions(this.config.redis.url, 'worker'));
    this.subscriber.on('error', () => undefined);
    this.subscriber.on('message', (_channel: string, text: string) => {
      let message: McpControlMessage;
      try {
        message = JSON.parse(text) as McpControlMessage;
      } catch {
        return;
      }
      if (message.type === 'end') this.recent.delete(message.sessionId);
      for (const each of this.controlListeners) each(message);
    });
    await this.subscriber.subscribe(`${this.prefix}:control`);
  }

  async onModuleDestroy(): Promise<void> {
    this.controlListeners.clear();
    await Promise.all([this.commands?.quit().catch(() => undefined), this.subscriber?.quit().catch(() => undefined)]);
  }
}

function clientHelloOf(text: string | undefined): McpClientHello | undefined {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as McpClientHello;
  } catch {
    return undefined;
  }
}
