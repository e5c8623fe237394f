import { z } from 'zod';

/**
 * What a key may do. `read`: queries and insights. `write`: imports and training. `admin`: keys,
 * webhooks, erasure and the audit log. Each scope implies the ones below it: `admin` ⊃ `write` ⊃
 * `read`, so a key declares only the highest it needs.
 */
export const API_SCOPES = ['read', 'write', 'admin'] as const;
export type ApiScope = (typeof API_SCOPES)[number];

const SCOPE_RANK: Record<ApiScope, number> = { read: 0, write: 1, admin: 2 };

/** Whether a key holding `granted` may do what needs `needed` (admin implies write implies read). */
export function grantsScope(granted: readonly ApiScope[], needed: ApiScope): boolean {
  return granted.some((scope) => SCOPE_RANK[scope] >= SCOPE_RANK[needed]);
}

/** Every scope a key effectively holds, implications included, in canonical order. */
export function effectiveScopes(granted: readonly ApiScope[]): ApiScope[] {
  return API_SCOPES.filter((scope) => grantsScope(granted, scope));
}

export const apiScopeSchema = z.enum(API_SCOPES);

export const createApiKeyRequestSchema = z.strictObject({
  name: z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters'),
  scopes: z.array(apiScopeSchema).min(1, 'must name at least one scope'),
});
export type CreateApiKeyRequest = z.infer<typeof createApiKeyRequestSchema>;

/** A key as listed: never its secret. `prefix` is the public part, shown as `shk_<prefix>_…`. */
export interface ApiKeySummary {
  id: number;
  name: string;
  prefix: string;
  scopes: ApiScope[];
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** The answer to creating a key: the only time the whole key is shown. */
export interface CreatedApiKey extends ApiKeySummary {
  key: string;
}

/** `GET /api/auth/me`: who the presented key is, so a client can adapt to what it may do. */
export interface WhoAmI {
  /** The key's id as text; `env:admin` for HUB_ADMIN_KEY. */
  keyId: string;
  name: string;
  /** The scopes the key was given. */
  scopes: ApiScope[];
  /** Every scope it effectively holds, implications included (admin ⊃ write ⊃ read). */
  effectiveScopes: ApiScope[];
}
