import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { grantsScope } from '@hub/contracts';
import { REALTIME_AUTHENTICATOR, type RealtimeAuthenticator } from '../realtime/realtime.gateway';
import { AccessGuard } from './access.guard';
import { AccessTokensController } from './access-tokens.controller';
import { AccessTokensService } from './access-tokens.service';
import { ApiKeyVerifier } from './api-key.verifier';
import { KeyRateLimiter } from './key-rate-limiter';

/**
 * Access control for every transport: the global REST guard, the key verifier and the per-key
 * rate limiter (exported for MCP), and the Socket.IO handshake check.
 */
@Global()
@Module({
  controllers: [AccessTokensController],
  providers: [
    ApiKeyVerifier,
    AccessTokensService,
    KeyRateLimiter,
    { provide: APP_GUARD, useClass: AccessGuard },
    {
      provide: REALTIME_AUTHENTICATOR,
      inject: [ApiKeyVerifier],
      useFactory: (verifier: ApiKeyVerifier): RealtimeAuthenticator => async (token) => {
        const principal = await verifier.verify(token);
        return principal ? { keyId: principal.keyId, admin: grantsScope(principal.scopes, 'admin') } : null;
      },
    },
  ],
  exports: [ApiKeyVerifier, KeyRateLimiter, REALTIME_AUTHENTICATOR],
})
export class AuthModule {}
