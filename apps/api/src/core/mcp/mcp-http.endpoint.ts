import { Inject, Injectable, Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { API_SCOPES } from '@hub/contracts';
import express, { type NextFunction, type Request, type Response } from 'express';
import { AuditService } from '../../modules/audit/audit.service';
import { ApiKeyVerifier, bearerToken } from '../auth/api-key.verifier';
import { KeyRateLimiter } from '../auth/key-rate-limiter';
import { HUB_CONFIG, type HubConfig } from '../config/hub-config';
import { McpServerFactory } from './mcp-server.factory';
import { isAllowedHost, isAllowedOrigin } from './mcp-request-origin';

export const MCP_PATH = '/mcp';
export const PROTECTED_RESOURCE_PATH = '/.well-known/oauth-protected-resource';
const MAX_BODY = '4mb';

/**
 * MCP over Streamable HTTP at `/mcp`, in stateless mode: every POST gets a fresh server and
 * transport, built for the key that sent it, and nothing outlives the request. Any API instance
 * behind a load balancer can therefore answer any request without a shared session store; the
 * price is no server-initiated messages between requests (GET streams, resumption), which the
 * hub's tools do not need: progress notifications travel on the POST's own SSE response.
 */
@Injectable()
export class McpHttpEndpoint {
  private readonly logger = new Logger('Mcp');

  constructor(
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    private readonly verifier: ApiKeyVerifier,
    private readonly limiter: KeyRateLimiter,
    private readonly factory: McpServerFactory,
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
    if (request.method !== 'POST') {
      // Stateless: no standalone SSE stream to open (GET) and no session to end (DELETE).
      response.setHeader('Allow', 'POST');
      return jsonRpcError(response, 405, -32000, 'Method not allowed: this MCP endpoint is stateless and takes POST only.');
    }

    const header = request.headers.authorization;
    const token = bearerToken(header);
    const check = header !== undefined && !token ? ({ status: 'bad-header' } as const) : await this.verifier.check(token);
    if (check.status !== 'valid') {
      if ('keyId' in check) {
        await this.audit.recordQuietly({ keyId: check.keyId, operation: 'mcp.request', outcome: 'denied', detail: { reason: check.status } });
      }
      const error = check.status === 'missing' ? '' : ', error="invalid_token"';
      response.setHeader('WWW-Authenticate', `Bearer resource_metadata="${this.baseUrl(request)}${PROTECTED_RESOURCE_PATH}${MCP_PATH}"${error}`);
      return jsonRpcError(response, 401, -32001, check.status === 'missing'
        ? 'An API key is required: send "Authorization: Bearer shk_…".'
        : 'The API key is malformed, unknown, revoked or wrong.');
    }
    const principal = check.principal;
    const rate = await this.limiter.consume(principal.keyId);
    if (!rate.allowed) {
      response.setHeader('Retry-After', String(rate.retryAfterSeconds));
      return jsonRpcError(response, 429, -32000, `Rate limit of ${rate.limit} requests per minute reached; retry in ${rate.retryAfterSeconds}s.`);
    }
    response.setHeader('RateLimit-Limit', String(rate.limit));
    response.setHeader('RateLimit-Remaining', String(rate.remaining));
    response.setHeader('RateLimit-Reset', String(rate.resetSeconds));

    const server = this.factory.create(principal);
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    response.on('close', () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(request, response, request.body);
  }

  /** RFC 9728: tells standard clients that `/mcp` takes bearer tokens (the hub's API keys). */
  protectedResourceMetadata(request: Request): Record<string, unknown> {
    const base = this.baseUrl(request);
    return {
      resource: `${base}${MCP_PATH}`,
      // API keys are issued by the hub's operator (`hub keys create`), not by an OAuth server yet.
      authorization_servers: [],
      bearer_methods_supported: ['header'],
      scopes_supported: [...API_SCOPES],
      resource_name: 'Syntroph Intelligence Hub',
      resource_documentation: `${base}/api/docs`,
    };
  }

  private baseUrl(request: Request): string {
    return `${request.protocol}://${request.headers.host ?? `${this.config.host}:${this.config.port}`}`;
  }

  private cors(response: Response, origin: string): void {
    response.setHeader('Access-Control-Allow-Origin', origin);
    response.setHeader('Vary', 'Origin');
    response.setHeader('Access-Control-Allow-Methods', 'POST, OPTIONS');
    response.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type, Accept, Mcp-Protocol-Version, Mcp-Session-Id, Last-Event-ID');
    response.setHeader('Access-Control-Expose-Headers', 'Mcp-Session-Id, Mcp-Protocol-Version, WWW-Authenticate, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, Retry-After');
  }
}

function jsonRpcError(response: Response, status: number, code: number, message: string): void {
  response.status(status).json({ jsonrpc: '2.0', error: { code, message }, id: null });
}
