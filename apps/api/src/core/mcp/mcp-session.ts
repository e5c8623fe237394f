import type { LoggingLevel } from '@modelcontextprotocol/sdk/types.js';

/**
 * What outlives one request of an MCP session: the client's log level and resource subscriptions.
 * Over stdio it lives in memory (`LocalMcpSession`); over HTTP in Redis (`McpSessionStore`), so
 * any API instance can serve any request of a session.
 */
export interface McpSession {
  readonly id: string;
  /** The level set by `logging/setLevel`, as of the request's start; undefined before any. */
  readonly logLevel: LoggingLevel | undefined;
  setLogLevel(level: LoggingLevel): Promise<void>;
  subscribe(uri: string): Promise<void>;
  unsubscribe(uri: string): Promise<void>;
  subscriptions(): Promise<string[]>;
}

/** Messages below this level are not sent until the client sets one (spec: the server's choice). */
export const DEFAULT_LOG_LEVEL: LoggingLevel = 'info';

const SEVERITY: LoggingLevel[] = ['debug', 'info', 'notice', 'warning', 'error', 'critical', 'alert', 'emergency'];

/** Whether a message at `level` passes the session's threshold. */
export function logLevelPasses(level: LoggingLevel, threshold: LoggingLevel | undefined): boolean {
  return SEVERITY.indexOf(level) >= SEVERITY.indexOf(threshold ?? DEFAULT_LOG_LEVEL);
}

/** A session held in this process: stdio's one long connection. */
export class LocalMcpSession implements McpSession {
  logLevel: LoggingLevel | undefined;
  private readonly uris = new Set<string>();

  constructor(readonly id: string) {}

  async setLogLevel(level: LoggingLevel): Promise<void> {
    this.logLevel = level;
  }

  async subscribe(uri: string): Promise<void> {
    this.uris.add(uri);
  }

  async unsubscribe(uri: string): Promise<void> {
    this.uris.delete(uri);
  }

  async subscriptions(): Promise<string[]> {
    return [...this.uris];
  }
}
