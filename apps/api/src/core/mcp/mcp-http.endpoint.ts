import { Inject, Injectable, Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { API_SCOPES } from '@hub/contracts';
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

  /** Mounts `/mcp` and the RFC 9728 metadata on the app, ahead of Nest's routes and the dashboard. */
  mount(app: NestExpressApplication): void {
    const metadata = (request: Request, response: Response) => {
      response.json(this.protectedResourceMetadata(request));
    };
    app.use(PROTECTED_RESOURCE_PATH, (request: Request, response: Response, next: NextFunction) => {
      // Both `/.well-known/oauth-protected-resource` and its `/mcp` path variant.
      if (request.method !== 'GET' || (request.path !== '/' && request.path !== MCP_PATH)) return next();
      metadata(request, response);
    });
    // Wrapped: Nest skips its own global JSON parser when it finds a layer named `jsonParser`.
    const parseJson = express.json({ limit: MAX_BODY });
    const mcpJsonBody = (request: Request, response: Response, next: NextFunction) => parseJson(request, response, next);
    app.use(MCP_PATH, mcpJsonBody, (request: Request, response: Response, next: NextFunction) => {
      if (request.path !== '/') return next();
      this.handle(request, response).catch((error: unknown) => {
        this.logger.error(`MCP request failed: ${(error as Error).stack ?? String(error)}`);
        if (!response.headersSent) jsonRpcError(response, 500, -32603, 'Internal error in the hub.');
      });
    });
  }

  private async handle(request: Request, response: Response): Promise<void> {
    if (!isAllowedHost(request.headers.host, this.config.mcp.allowedHosts)) {
      return jsonRpcError(response, 403, -32000, `Host "${request.headers.host ?? ''}" is not allowed (HUB_MCP_ALLOWED_HOSTS).`);
    }
    const origin = request.headers.origin;
    if (!isAllowedOrigin(origin, this.config.mcp.allowedOrigins)) {
      return jsonRpcError(response, 403, -32000, `Origin "${origin}" is not allowed (HUB_MCP_ALLOWED_ORIGINS).`);
    }
    if (origin) this.cors(response, origin);
    if (request.method === 'OPTIONS') {
      response.status(204).end();
      return;
    }
    if (!['POST', 'GET', 'DELETE'].includes(request.method)) {
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
    await this.sessions.serve(request, response, principal);
  }

  /** The caller behind the bearer token, or null once a 401 has been answered. */
  private async authenticate(request: Request, response: Response): Promise<HubPrincipal | null> {
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
  resourceId(request: Request): string {
    return `${this.baseUrl(request)}${MCP_PATH}`;
  }

  /** RFC 9728: tells standard clients that `/mcp` takes bearer tokens (the hub's API keys). */
  protectedResourceMetadata(request: Request): Record<string, unknown> {
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

  private baseUrl(request: Request): string {
    return this.config.publicUrl ?? `${request.protocol}://${request.headers.host ?? `${this.config.host}:${this.config.port}`}`;
  }

  private cors(response: Response, origin: string): void {
    response.setHeader('Access-Control-Allow-Origin', origin);
    response.setHeader('Vary', 'Origin');
    response.setHeader('Access-Control-Allow-Methods', 'POST, GET, DELETE, OPTIONS');
    response.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type, Accept, Mcp-Protocol-Version, Mcp-Session-Id, Last-Event-ID');
    response.setHeader('Access-Control-Expose-Headers', 'Mcp-Session-Id, Mcp-Protocol-Version, WWW-Authenticate, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, Retry-After');
  }
}
