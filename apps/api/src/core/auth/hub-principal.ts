import type { ApiScope, RecordRef } from '@hub/contracts';

/** Who is calling: established from an API key by ApiKeyVerifier, for every transport. */
export interface HubPrincipal {
  /** The key's id as text; `env:admin` for HUB_ADMIN_KEY. Goes into the audit log. */
  keyId: string;
  name: string;
  /** The scopes the key was given (implications are applied by `grantsScope`). */
  scopes: ApiScope[];
  /** Set when the caller presented a short-lived access token minted by that key. */
  token?: {
    prefix: string;
    /** The one record the token may read (only routes marked `@RecordScoped()` accept it), or null. */
    record: RecordRef | null;
    expiresAt: string;
  };
}

/** Audit actors that are not API keys. */
export const ENV_ADMIN_KEY_ID = 'env:admin';
export const CLI_ACTOR = 'cli';
export const SYSTEM_ACTOR = 'system';

/** The principal the access guard attached to a request (undefined on public routes). */
export function principalOf(request: unknown): HubPrincipal | undefined {
  return (request as { hubPrincipal?: HubPrincipal }).hubPrincipal;
}

export function attachPrincipal(request: unknown, principal: HubPrincipal): void {
  (request as { hubPrincipal?: HubPrincipal }).hubPrincipal = principal;
}
