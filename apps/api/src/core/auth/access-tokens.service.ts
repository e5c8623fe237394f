import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ACCESS_TOKEN_TTL_DEFAULT_SECONDS, API_SCOPES, DEFAULT_TOKEN_SCOPES, effectiveScopes, grantsScope, type MintAccessTokenRequest,
  type MintedAccessToken, recordOf,
} from '@hub/contracts';
import type { DataSource } from 'typeorm';
import { AuditService } from '../../modules/audit/audit.service';
import { hubSchemaOf } from '../database/hub-schema';
import { HubProblem } from '../http/problem-details.filter';
import { generateAccessToken } from './access-token-format';
import { ENV_ADMIN_KEY_ID, type HubPrincipal } from './hub-principal';

/** Tokens are kept this long past their expiry (so a late request hears "expired"), then purged. */
const PURGE_AFTER_EXPIRY = '1 hour';

/**
 * Mints short-lived access tokens for a caller holding an API key (the CRM's server, for the
 * embedded panel). Stored hashed rather than signed: a signing secret in the shared database would
 * let anyone who can read it forge tokens of any scope, whereas a hash gives nothing away; and a
 * row ties each token to its key, so revoking the key ends its tokens on every instance at once.
 */
@Injectable()
export class AccessTokensService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  mint(caller: HubPrincipal, request: MintAccessTokenRequest): Promise<MintedAccessToken> {
    if (caller.token) {
      throw new HubProblem(403, 'token-cannot-mint', 'An access token cannot mint tokens (it would outlive itself): mint with the API key.');
    }
    const asked = request.scopes ?? DEFAULT_TOKEN_SCOPES;
    const beyond = asked.find((scope) => !grantsScope(caller.scopes, scope));
    if (beyond) {
      throw new HubProblem(403, 'scope-not-held',
        `This key cannot mint a token with the "${beyond}" scope: a token's scopes must be among the key's own (${effectiveScopes(caller.scopes).join(', ')}).`,
        { scope: beyond });
    }
    const scopes = API_SCOPES.filter((scope) => asked.includes(scope));
    const ttlSeconds = request.ttl_seconds ?? ACCESS_TOKEN_TTL_DEFAULT_SECONDS;
    const record = recordOf(request);
    const { token, prefix, secretHash } = generateAccessToken();
    const s = hubSchemaOf(this.dataSource);
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`DELETE FROM ${s}.access_tokens WHERE expires_at < now() - interval '${PURGE_AFTER_EXPIRY}'`);
      const [row]: { expires_at: Date }[] = await manager.query(`
        INSERT INTO ${s}.access_tokens (prefix, secret_hash, issuer, api_key_id, scopes, record_type, record_id, expires_at)
        VALUES ($1, $2, $3, $4, $5::text[], $6, $7, now() + make_interval(secs => $8))
        RETURNING expires_at`,
      [prefix, secretHash, caller.keyId, caller.keyId === ENV_ADMIN_KEY_ID ? null : Number(caller.keyId), scopes,
        record?.type ?? null, record?.id ?? null, ttlSeconds]);
      await this.audit.record({
        keyId: caller.keyId, operation: 'tokens.mint', outcome: 'ok',
        subjectType: record?.type ?? null, subjectIds: record ? [record.id] : null,
        detail: { prefix, scopes, ttlSeconds, record },
      }, manager);
      return { token, expires_at: row!.expires_at.toISOString(), scopes, record };
    });
  }
}
