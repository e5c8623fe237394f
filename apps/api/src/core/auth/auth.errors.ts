import type { ApiScope } from '@hub/contracts';
import { HubProblem } from '../http/problem-details.filter';
import type { KeyCheck } from './api-key.verifier';

export const BEARER_REALM = 'Bearer realm="syntroph-hub"';

/** The 401 for a missing or unusable key, and its WWW-Authenticate value (RFC 6750). */
export function unauthorized(status: Exclude<KeyCheck['status'], 'valid'> | 'bad-header'): { problem: HubProblem; challenge: string } {
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
