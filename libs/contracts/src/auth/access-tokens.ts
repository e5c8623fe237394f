import { z } from 'zod';
import { API_SCOPES, type ApiScope, apiScopeSchema } from './api-keys';

/** The CRM records a token (or an embedded panel) can be bound to. */
export const BINDABLE_RECORD_TYPES = ['contact', 'deal', 'company'] as const;
export type BindableRecordType = (typeof BINDABLE_RECORD_TYPES)[number];

/** One CRM record: `{type: 'contact', id: 123}`. */
export interface RecordRef {
  type: BindableRecordType;
  id: number;
}

export const ACCESS_TOKEN_TTL_DEFAULT_SECONDS = 600;
export const ACCESS_TOKEN_TTL_MAX_SECONDS = 3600;

const recordId = (name: string) => z.number({ message: `${name} must be a positive integer` })
  .int(`${name} must be a positive integer`).positive(`${name} must be a positive integer`)
  .max(Number.MAX_SAFE_INTEGER, `${name} is too large`).optional();

/** `POST /api/auth/tokens`: at most one of the record ids binds the token to that record. */
export const mintAccessTokenRequestSchema = z.strictObject({
  scopes: z.array(apiScopeSchema).min(1, 'must name at least one scope').optional(),
  ttl_seconds: z.number({ message: 'must be a whole number of seconds' }).int('must be a whole number of seconds')
    .min(1, 'must be at least 1 second')
    .max(ACCESS_TOKEN_TTL_MAX_SECONDS, `must be at most ${ACCESS_TOKEN_TTL_MAX_SECONDS} seconds`).optional(),
  contact_id: recordId('contact_id'),
  deal_id: recordId('deal_id'),
  company_id: recordId('company_id'),
}).refine((body) => [body.contact_id, body.deal_id, body.company_id].filter((id) => id !== undefined).length <= 1, {
  message: 'bind the token to one record at most: give one of contact_id, deal_id or company_id',
  path: ['contact_id'],
});
export type MintAccessTokenRequest = z.infer<typeof mintAccessTokenRequestSchema>;

/** The answer to minting: the token is shown this once (only a hash of its secret is kept). */
export interface MintedAccessToken {
  /** `sht_<prefix>_<secret>`: send it as `Authorization: Bearer <token>` until `expires_at`. */
  token: string;
  expires_at: string;
  scopes: ApiScope[];
  /** The record the token is bound to, or null for a token that reads like its key. */
  record: RecordRef | null;
}

/** The record a request names with exactly one of `contact_id`, `deal_id`, `company_id`. */
export function recordOf(ids: { contact_id?: number; deal_id?: number; company_id?: number }): RecordRef | null {
  if (ids.contact_id !== undefined) return { type: 'contact', id: ids.contact_id };
  if (ids.deal_id !== undefined) return { type: 'deal', id: ids.deal_id };
  if (ids.company_id !== undefined) return { type: 'company', id: ids.company_id };
  return null;
}

export const DEFAULT_TOKEN_SCOPES: ApiScope[] = [API_SCOPES[0]];
