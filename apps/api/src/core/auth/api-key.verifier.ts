import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { HUB_CONFIG, type HubConfig } from '../config/hub-config';
import { hubSchemaOf } from '../database/hub-schema';
import { ApiKeyEntity } from './api-key.entity';
import { hashSecret, parseApiKey, secretsEqual } from './api-key-format';
import { ENV_ADMIN_KEY_ID, type HubPrincipal } from './hub-principal';
import { AccessTokenChecker, type AccessTokenCheck } from './access-token.checker';
import { isAccessToken } from './access-token-format';

/** What a presented token turned out to be; `keyId` is given wherever a key was recognised. */
export type KeyCheck =
  | { status: 'valid'; principal: HubPrincipal }
  | { status: 'missing' | 'malformed' | 'unknown' }
  | { status: 'revoked' | 'wrong-secret'; keyId: string }
  | Exclude<AccessTokenCheck, { status: 'valid' | 'malformed' }>
  /** A record-bound token presented where only whole-key access is understood (MCP, sockets). */
  | { status: 'token-bound'; keyId: string };

export interface CheckOptions {
  /** Accept tokens bound to one record; the caller then enforces the binding (the REST guard). */
  acceptBoundTokens?: boolean;
}

/** `last_used_at` is written at most this often per key, not on every request. */
const LAST_USED_RESOLUTION_MS = 60_000;
/**
 * How long a valid key or token is trusted per instance without asking the database again: the
 * lookup was one query on every request of the hot paths (MCP, score-lead). A key revoked through
 * this instance is refused at once (`forgetVerifiedKeys`); through another one (or the database),
 * within this time. Documented in docs/security.md.
 */
export const VERIFIED_KEY_TTL_MS = 1_000;
const MAX_CACHED_KEYS = 10_000;

/** Bumped on every revocation in this process: cached verdicts of an older generation are dropped. */
let revocationGeneration = 0;

/** Drops every cached verdict of this process (called when a key is revoked here). */
export function forgetVerifiedKeys(): void {
  revocationGeneration += 1;
}

interface CachedCheck {
  check: Extract<KeyCheck, { status: 'valid' }>;
  until: number;
  generation: number;
}

/**
 * Checks API keys for every transport: REST (the access guard), the Socket.IO handshake and MCP.
 * Valid verdicts are kept for VERIFIED_KEY_TTL_MS; refusals are never cached.
 */
@Injectable()
export class ApiKeyVerifier {
  private readonly adminKeyHash: string | undefined;
  private readonly tokens: AccessTokenChecker;
  private readonly verified = new Map<string, CachedCheck>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(HUB_CONFIG) config: HubConfig,
  ) {
    const adminKey = config.auth.adminKey?.reveal();
    this.adminKeyHash = adminKey ? hashSecret(adminKey) : undefined;
    this.tokens = new AccessTokenChecker(dataSource);
  }

  /** The caller behind a token, or null for anything but a valid, unrevoked key. */
  async verify(token: string | undefined | null): Promise<HubPrincipal | null> {
    const check = await this.check(token);
    return check.status === 'valid' ? check.principal : null;
  }

  /** Like `verify`, saying why a token was refused (for the 401's wording and the audit log). */
  async check(token: string | undefined | null, options: CheckOptions = {}): Promise<KeyCheck> {
    if (!token) return { status: 'missing' };
    if (this.adminKeyHash && secretsEqual(token, this.adminKeyHash)) {
      return { status: 'valid', principal: { keyId: ENV_ADMIN_KEY_ID, name: 'HUB_ADMIN_KEY', scopes: ['admin'] } };
    }
    const check = await this.cachedCheck(token);
    if (check.status === 'valid' && check.principal.token?.record && !options.acceptBoundTokens) {
      return { status: 'token-bound', keyId: check.principal.keyId };
    }
    return check;
  }

  /** The database's verdict, or a valid one of the last VERIFIED_KEY_TTL_MS (never past a token's expiry). */
  private async cachedCheck(token: string): Promise<KeyCheck> {
    const now = Date.now();
    const cached = this.verified.get(token);
    if (cached && cached.until > now && cached.generation === revocationGeneration) return cached.check;
    if (cached) this.verified.delete(token);
    const generation = revocationGeneration;
    const check = await this.lookUp(token);
    if (check.status === 'valid') {
      const expiresAt = check.principal.token ? Date.parse(check.principal.token.expiresAt) : Infinity;
      if (this.verified.size >= MAX_CACHED_KEYS) this.verified.clear();
      this.verified.set(token, { check, until: Math.min(now + VERIFIED_KEY_TTL_MS, expiresAt), generation });
    }
    return check;
  }

  private async lookUp(token: string): Promise<KeyCheck> {
    if (isAccessToken(token)) return this.tokens.check(token, this.adminKeyHash !== undefined);
    const parsed = parseApiKey(token);
    if (!parsed) return { status: 'malformed' };
    const key = await this.dataSource.getRepository(ApiKeyEntity).findOneBy({ prefix: parsed.prefix });
    if (!key) return { status: 'unknown' };
    const keyId = String(key.id);
    if (!secretsEqual(parsed.secret, key.secretHash)) return { status: 'wrong-secret', keyId };
    if (key.revokedAt) return { status: 'revoked', keyId };
    if (!key.lastUsedAt || Date.now() - key.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) await this.touch(key.id);
    return { status: 'valid', principal: { keyId, name: key.name, scopes: key.scopes } };
  }

  private async touch(id: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE ${hubSchemaOf(this.dataSource)}.api_keys SET last_used_at = now()
        WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - make_interval(secs => $2))`,
      [id, LAST_USED_RESOLUTION_MS / 1000],
    );
  }
}

/** The token of an `Authorization: Bearer <token>` header; undefined when absent or of another kind. */
export function bearerToken(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  const match = value ? /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(value) : null;
  return match?.[1];
}
