import { Inject, Injectable, Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { API_SCOPES } from '@hub/contracts';
import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import express, { type NextFunction, type Request, type Response } from 'express';
import { AuditService } from '../../modules/audit/audit.service';
import { bearerToken } from '../auth/api-key.verifier';
import type { HubPrincipal } from '../auth/hub-principal';
import { KeyRateLimiter } from '../auth/key-rate-limiter';
import { HUB_CONFIG, type HubConfig } from '../config/hub-config';
import { McpHttpSessions } from './mcp-http.sessions';
import { jsonRpcError } from './mcp-json-rpc-error';
import { isAllowedHost, isAllowedOrigin } from './mcp-request-origin';
import { McpTokenVerifiers } from './mcp-token.verifier';
import { type McpHttpRequest, protocolOf } from './mcp-web-exchange';

export const MCP_PATH = '/mcp';
export const PROTECTED_RESOURCE_PATH = '/.well-known/oauth-protected-resource';
const MAX_BODY = '4mb';

/**
 * MCP over Streamable HTTP at `/mcp`: Host/Origin checks, CORS, bearer tokens (McpTokenVerifiers,
 * with audience checks), per-key rate limits, then McpHttpSessions serves the message with the
 * session's server for the key that sent it; what a session keeps lives in Redis, so any instance
 * behind a load balancer can answer any request. Also serves the RFC 9728 metadata.
 */
@Injectable()
export class McpHttpEndpoint {
  private readonly logger = new Logger('Mcp');

  constructor(
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    private readonly verifiers: McpTokenVerifiers,
    private readonly limiter: KeyRateLimiter,
    private readonly sessions: McpHttpSessions,
    private readonly audit: AuditService,
  ) {}

  /**
   * Serves `/mcp` from the HTTP server's own request event, ahead of Express (which keeps the RFC
   * 9728 metadata, Nest's routes and the dashboard): an assistant's tool call is the hub's hottest
   * path, and Express's per-request setup and router walk were a measurable share of its CPU.
   */
  mount(app: NestExpressApplication): void {
    app.use(PROTECTED_RESOURCE_PATH, (request: Request, response: Response, next: NextFunction) => {
      // Both `/.well-known/oauth-protected-resource` and its `/mcp` path variant.
      if (request.method !== 'GET' || (request.path !== '/' && request.path !== MCP_PATH)) return next();
      response.json(this.protectedResourceMetadata(request));
    });
    const server = app.getHttpServer() as Server;
    // Express (and whatever else listens by now) gets every request that is not for `/mcp`.
    const others = server.listeners('request') as RequestListener[];
    server.removeAllListeners('request');
    server.on('request', (request: IncomingMessage, response: ServerResponse) => {
      if (!isMcpPath(request.url)) {
        for (const listener of others) listener.call(server, request, response);
        return;
      }
      this.receive(request, response);
    });
  }

  private readonly parseJson = express.json({ limit: MAX_BODY });

  private receive(request: McpHttpRequest, response: ServerResponse): void {
    this.handle(request, response).catch((failure: unknown) => {
      this.logger.error(`MCP request failed: ${(failure as Error).stack ?? String(failure)}`);
      if (!response.headersSent) jsonRpcError(response, 500, -32603, 'Internal error in the hub.');
    });
  }

  /**
   * Parses a JSON body into `request.body` (body-parser works on Node's request as it is); other
   * content types are left unparsed for the SDK's transport to refuse (415). False once a refusal
   * has been answered.
   */
  private readBody(request: McpHttpRequest, response: ServerResponse): Promise<boolean> {
    return new Promise((resolve) => {
      this.parseJson(request as Request, response as Response, (error?: unknown) => {
        if (error) bodyRefused(response, error as { status?: number; type?: string; message?: string });
        resolve(!error);
      });
    });
  }

  private async handle(request: McpHttpRequest, response: ServerResponse): Promise<void> {
    if (!isAllowedHost(request.headers.host, this.config.mcp.allowedHosts)) {
      return jsonRpcError(response, 403, -32000, `Host "${request.headers.host ?? ''}" is not allowed (HUB_MCP_ALLOWED_HOSTS).`);
    }
    const origin = request.headers.origin;
    if (!isAllowedOrigin(origin, this.config.mcp.allowedOrigins)) {
      return jsonRpcError(response, 403, -32000, `Origin "${origin}" is not allowed (HUB_MCP_ALLOWED_ORIGINS).`);
    }
    if (origin) this.cors(response, origin);
    if (request.method === 'OPTIONS') {
      response.writeHead(204).end();
      return;
    }
    if (request.method !== 'POST' && request.method !== 'GET' && request.method !== 'DELETE') {
      response.setHeader('Allow', 'POST, GET, DELETE');
      return jsonRpcError(response, 405, -32000, 'Method not allowed: /mcp takes POST (messages), GET (a session\'s notification stream) and DELETE (end a session).');
    }

    const principal = await this.authenticate(request, response);
    if (!principal) return;
    const rate = await this.limiter.consume(principal.keyId);
    if (!rate.allowed) {
      response.setHeader('Retry-After', String(rate.retryAfterSeconds));
      return jsonRpcError(response, 429, -32000, `Rate limit of ${rate.limit} requests per minute reached; retry in ${rate.retryAfterSeconds}s.`);
    }
    response.setHeader('RateLimit-Limit', String(rate.limit));
    response.setHeader('RateLimit-Remaining', String(rate.remaining));
    response.setHeader('RateLimit-Reset', String(rate.resetSeconds));
    // Read only for a caller allowed in: a stranger's body is never parsed.
    if (!(await this.readBody(request, response))) return;
    await this.sessions.serve(request, response, principal);
  }

  /** The caller behind the bearer token, or null once a 401 has been answered. */
  private async authenticate(request: IncomingMessage, response: ServerResponse): Promise<HubPrincipal | null> {
    const header = request.headers.authorization;
    const token = bearerToken(header);
    const verdict = !token ? null : await this.verifiers.verify(token, this.resourceId(request));
    if (verdict?.status === 'valid') return verdict.principal;
    if (verdict?.keyId) {
      await this.audit.recordQuietly({ keyId: verdict.keyId, operation: 'mcp.request', outcome: 'denied', detail: { reason: verdict.reason } });
    }
    const missing = header === undefined;
    const description = missing ? '' : `, error="invalid_token", error_description="${(verdict?.reason ?? 'The Authorization header must be "Bearer <token>".').replaceAll('"', "'")}"`;
    response.setHeader('WWW-Authenticate', `Bearer resource_metadata="${this.baseUrl(request)}${PROTECTED_RESOURCE_PATH}${MCP_PATH}"${description}`);
    jsonRpcError(response, 401, -32001, missing
      ? 'An API key is required: send "Authorization: Bearer shk_…".'
      : verdict?.reason ?? 'The Authorization header must be "Bearer <token>".');
    return null;
  }

  /** This hub's MCP resource identifier: HUB_PUBLIC_URL (or the request's own base) + /mcp. */
  resourceId(request: IncomingMessage): string {
    return `${this.baseUrl(request)}${MCP_PATH}`;
  }

  /** RFC 9728: tells standard clients that `/mcp` takes bearer tokens (the hub's API keys). */
  protectedResourceMetadata(request: IncomingMessage): Record<string, unknown> {
    const base = this.baseUrl(request);
    return {
      resource: `${base}${MCP_PATH}`,
      // API keys are issued by the hub's operator (`hub keys create`), not by an OAuth server yet;
      // a plugged-in McpTokenVerifier for an authorization server would be listed here.
      authorization_servers: [],
      bearer_methods_supported: ['header'],
      scopes_supported: [...API_SCOPES],
      resource_name: 'Syntroph Intelligence Hub',
      resource_documentation: `${base}/api/docs`,
    };
  }

  private baseUrl(request: IncomingMessage): string {
    return this.config.publicUrl ?? `${protocolOf(request)}://${request.headers.host ?? `${this.config.host}:${this.config.port}`}`;
  }

  private cors(response: ServerResponse, origin: string): void {
    response.setHeader('Access-Control-Allow-Origin', origin);
    response.setHeader('Vary', 'Origin');
    response.setHeader('Access-Control-Allow-Methods', 'POST, GET, DELETE, OPTIONS');
    response.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type, Accept, Mcp-Protocol-Version, Mcp-Session-Id, Last-Event-ID');
    response.setHeader('Access-Control-Expose-Headers', 'Mcp-Session-Id, Mcp-Protocol-Version, WWW-Authenticate, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, Retry-After');
  }
}

/** `/mcp` itself (with or without a trailing slash or a query), not a path below it. */
function isMcpPath(url: string | undefined): boolean {
  if (!url?.startsWith(MCP_PATH)) return false;
  const rest = url.slice(MCP_PATH.length);
  return rest === '' || rest === '/' || rest.startsWith('?') || rest.startsWith('/?');
}

/** A body body-parser could not take: too large, not JSON, or cut off. */
function bodyRefused(response: ServerResponse, error: { status?: number; type?: string; message?: string }): void {
  if (error.type === 'entity.too.large') {
    return jsonRpcError(response, 413, -32000, `The request body is larger than the ${MAX_BODY} /mcp accepts.`);
  }
  if (error.type === 'entity.parse.failed') {
    return jsonRpcError(response, 400, -32700, `Parse error: the request body is not valid JSON (${error.message ?? 'unreadable'}).`);
  }
  jsonRpcError(response, error.status && error.status >= 400 && error.status < 500 ? error.status : 400, -32000, `The request body could not be read: ${error.message ?? 'unknown error'}.`);
}
