import type { ApiScope } from '@hub/contracts';
import { HubProblem } from '../http/problem-details.filter';
import type { KeyCheck } from './api-key.verifier';

export const BEARER_REALM = 'Bearer realm="syntroph-hub"';

/** The 401 for a missing or unusable key, and its WWW-Authenticate value (RFC 6750). */
export function unauthorized(status: Exclude<KeyCheck['status'], 'valid'> | 'bad-header', expiresAt?: string): { problem: HubProblem; challenge: string } {
  if (status === 'missing') {
    return {
      problem: new HubProblem(401, 'unauthorized', 'An API key is required: send it as "Authorization: Bearer <key>".'),
      challenge: BEARER_REALM,
    };
  }
  if (status === 'bad-header') {
    return {
      problem: new HubProblem(401, 'unauthorized', 'The Authorization header must be "Bearer <key>".'),
      challenge: `${BEARER_REALM}, error="invalid_request"`,
    };
  }
  if (status.startsWith('token-')) return tokenUnauthorized(status, expiresAt);
  const detail = status === 'revoked' ? 'This API key has been revoked.' : 'This API key is not valid.';
  return {
    problem: new HubProblem(401, 'invalid-api-key', detail),
    challenge: `${BEARER_REALM}, error="invalid_token", error_description="${detail}"`,
  };
}

export function insufficientScope(needed: ApiScope): { problem: HubProblem; challenge: string } {
  return {
    problem: new HubProblem(403, 'insufficient-scope', `This operation needs an API key with the "${needed}" scope.`, { requiredScope: needed }),
    challenge: `${BEARER_REALM}, error="insufficient_scope", scope="${needed}"`,
  };
}

export function rateLimited(limit: number, retryAfterSeconds: number): HubProblem {
  return new HubProblem(429, 'rate-limited', `This API key may make ${limit} requests a minute; retry in ${retryAfterSeconds} s.`, { retryAfterSeconds });
}

/** The 401 for an access token (`sht_…`): expired, forged, unknown, or its key revoked. */
function tokenUnauthorized(status: string, expiresAt?: string): { problem: HubProblem; challenge: string } {
  const [code, detail] = status === 'token-expired'
    ? ['token-expired', `This access token expired${expiresAt ? ` at ${expiresAt}` : ''}; ask the CRM for a new one (POST /api/auth/tokens).`]
    : status === 'token-revoked'
      ? ['invalid-token', 'The API key that minted this access token has been revoked, so the token no longer works.']
      : status === 'token-bound'
        ? ['invalid-token', 'This access token is bound to one record and serves only the embed API (/api/embed/...).']
        : ['invalid-token', 'This access token is not valid: it is unknown, altered, or expired long ago.'];
  return {
    problem: new HubProblem(401, code, detail, expiresAt ? { expiresAt } : {}),
    challenge: `${BEARER_REALM}, error="invalid_token", error_description="${detail}"`,
  };
}

/** The 403 for a record-bound token used on a route that cannot honour the binding. */
export function tokenBoundElsewhere(record: { type: string; id: number }): { problem: HubProblem; challenge: string } {
  const detail = `This access token is bound to ${record.type} ${record.id} and may only be used with the embed API (/api/embed/...).`;
  return {
    problem: new HubProblem(403, 'token-bound-to-record', detail, { record }),
    challenge: `${BEARER_REALM}, error="insufficient_scope", error_description="${detail}"`,
  };
}
