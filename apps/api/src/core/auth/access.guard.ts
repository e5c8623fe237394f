import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { type ApiScope, grantsScope } from '@hub/contracts';
import type { Request, Response } from 'express';
import { auditOperationOf } from '../../modules/audit/audited.decorator';
import { AuditService } from '../../modules/audit/audit.service';
import { bearerToken, ApiKeyVerifier } from './api-key.verifier';
import { insufficientScope, rateLimited, tokenBoundElsewhere, unauthorized } from './auth.errors';
import { PUBLIC_ROUTE, RECORD_SCOPED, REQUIRED_SCOPE } from './auth.decorators';
import { attachPrincipal } from './hub-principal';
import { KeyRateLimiter } from './key-rate-limiter';

/**
 * Every REST route: a valid key (401 otherwise), within its rate limit (429), holding the route's
 * scope (403). Runs before the handler, so a refused request does nothing. Refusals of a known key
 * are written to the audit log as `denied`. Routes outside Nest (OpenAPI docs, the dashboard's
 * files) never reach it; `@Public()` routes (health) skip it.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: ApiKeyVerifier,
    private readonly limiter: KeyRateLimiter,
    private readonly audit: AuditService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    // Sockets are checked once, at their handshake (REALTIME_AUTHENTICATOR).
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const needed = this.reflector.getAllAndOverride<ApiScope | undefined>(REQUIRED_SCOPE, targets) ?? 'admin';
    const request = context.switchToHttp().getRequest<Request>();
    const response = context.switchToHttp().getResponse<Response>();

    const header = request.headers.authorization;
    const token = bearerToken(header);
    const check = header !== undefined && !token ? ({ status: 'bad-header' } as const) : await this.verifier.check(token, { acceptBoundTokens: true });
    if (check.status !== 'valid') {
      if ('keyId' in check) await this.denied(context, request, check.keyId, { reason: check.status });
      const { problem, challenge } = unauthorized(check.status, 'expiresAt' in check ? check.expiresAt : undefined);
      response.setHeader('WWW-Authenticate', challenge);
      throw problem;
    }
    const principal = check.principal;
    attachPrincipal(request, principal);

    const rate = await this.limiter.consume(principal.keyId);
    if (!rate.allowed) {
      response.setHeader('Retry-After', String(rate.retryAfterSeconds));
      throw rateLimited(rate.limit, rate.retryAfterSeconds);
    }
    response.setHeader('RateLimit-Limit', String(rate.limit));
    response.setHeader('RateLimit-Remaining', String(rate.remaining));
    response.setHeader('RateLimit-Reset', String(rate.resetSeconds));

    if (!grantsScope(principal.scopes, needed)) {
      await this.denied(context, request, principal.keyId, { reason: 'insufficient-scope', requiredScope: needed });
      const { problem, challenge } = insufficientScope(needed);
      response.setHeader('WWW-Authenticate', challenge);
      throw problem;
    }
    const record = principal.token?.record;
    if (record && !this.reflector.getAllAndOverride<boolean>(RECORD_SCOPED, targets)) {
      await this.denied(context, request, principal.keyId, { reason: 'token-bound-to-record', record });
      const { problem, challenge } = tokenBoundElsewhere(record);
      response.setHeader('WWW-Authenticate', challenge);
      throw problem;
    }
    return true;
  }

  private denied(context: ExecutionContext, request: Request, keyId: string, detail: Record<string, unknown>): Promise<void> {
    return this.audit.recordQuietly({
      keyId,
      operation: auditOperationOf(this.reflector, context),
      outcome: 'denied',
      detail: { ...detail, method: request.method, path: request.path },
    });
  }
}
