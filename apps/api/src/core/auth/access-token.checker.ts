import type { ApiScope, RecordRef, BindableRecordType } from '@hub/contracts';
import type { DataSource } from 'typeorm';
import { hubSchemaOf } from '../database/hub-schema';
import { secretsEqual } from './api-key-format';
import { parseAccessToken } from './access-token-format';
import { ENV_ADMIN_KEY_ID, type HubPrincipal } from './hub-principal';

/** What a presented access token turned out to be (the statuses ApiKeyVerifier adds for tokens). */
export type AccessTokenCheck =
  | { status: 'valid'; principal: HubPrincipal }
  | { status: 'malformed' | 'token-unknown' }
  | { status: 'token-forged' | 'token-revoked'; keyId: string }
  | { status: 'token-expired'; keyId: string; expiresAt: string };

interface TokenRow {
  prefix: string;
  secret_hash: string;
  issuer: string;
  scopes: ApiScope[];
  record_type: BindableRecordType | null;
  record_id: string | null;
  expires_at: Date;
  /** By the database's clock, which every API instance shares. */
  expired: boolean;
  key_name: string | null;
  key_revoked_at: Date | null;
}

/**
 * Checks `sht_` tokens: one indexed lookup joined with the minting key, so every API instance
 * agrees at once, a revoked key ends its tokens on their next request, and nothing is cached.
 */
export class AccessTokenChecker {
  constructor(private readonly dataSource: DataSource) {}

  /** `adminKeyLive`: whether HUB_ADMIN_KEY is still set (its tokens end when it is unset). */
  async check(token: string, adminKeyLive: boolean): Promise<AccessTokenCheck> {
    const parsed = parseAccessToken(token);
    if (!parsed) return { status: 'malformed' };
    const s = hubSchemaOf(this.dataSource);
    const rows: TokenRow[] = await this.dataSource.query(`
      SELECT t.prefix, t.secret_hash, t.issuer, t.scopes, t.record_type, t.record_id::text AS record_id, t.expires_at, t.expires_at <= now() AS expired,
             k.name AS key_name, k.revoked_at AS key_revoked_at
      FROM ${s}.access_tokens t LEFT JOIN ${s}.api_keys k ON k.id = t.api_key_id
      WHERE t.prefix = $1`, [parsed.prefix]);
    const row = rows[0];
    if (!row) return { status: 'token-unknown' };
    const keyId = row.issuer;
    if (!secretsEqual(parsed.secret, row.secret_hash)) return { status: 'token-forged', keyId };
    const issuerGone = row.issuer === ENV_ADMIN_KEY_ID ? !adminKeyLive : row.key_revoked_at !== null;
    if (issuerGone) return { status: 'token-revoked', keyId };
    if (row.expired) return { status: 'token-expired', keyId, expiresAt: row.expires_at.toISOString() };
    const record: RecordRef | null = row.record_type ? { type: row.record_type, id: Number(row.record_id) } : null;
    const keyName = row.issuer === ENV_ADMIN_KEY_ID ? 'HUB_ADMIN_KEY' : row.key_name ?? row.issuer;
    return {
      status: 'valid',
      principal: {
        keyId, name: `token ${row.prefix} of ${keyName}`, scopes: row.scopes,
        token: { prefix: row.prefix, record, expiresAt: row.expires_at.toISOString() },
      },
    };
  }
}
