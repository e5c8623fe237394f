import { Injectable } from '@nestjs/common';
import { ApiKeyVerifier } from '../auth/api-key.verifier';
import type { HubPrincipal } from '../auth/hub-principal';

/** What a verifier made of a bearer token. */
export type TokenVerdict =
  | { status: 'valid'; principal: HubPrincipal; /** The resources the token was issued for (OAuth `aud`); absent: not bound. */ audience?: string[] }
  /** `keyId` when the token was recognised as a key's, for the audit log. */
  | { status: 'refused'; reason: string; keyId?: string };

/**
 * Turns a bearer token into a principal. The hub's API keys (and the short-lived `sht_` tokens they
 * mint) are built in; an OAuth authorization server's access tokens (JWTs, introspection) plug in
 * as another verifier. Return null for a token that is not yours, so the next verifier can try.
 */
export interface McpTokenVerifier {
  readonly name: string;
  verify(token: string): Promise<TokenVerdict | null>;
}

/**
 * The verifiers `/mcp` tries in turn: plugged-in ones first, the API keys last (they claim every
 * token). A valid token that names an audience must name this hub's MCP resource (or its base URL):
 * a token minted for another resource server is refused, never passed through (RFC 8707, MCP spec).
 */
@Injectable()
export class McpTokenVerifiers {
  private readonly plugged: McpTokenVerifier[] = [];

  constructor(private readonly apiKeys: ApiKeyVerifier) {}

  register(verifier: McpTokenVerifier): () => void {
    this.plugged.push(verifier);
    return () => void this.plugged.splice(this.plugged.indexOf(verifier), 1);
  }

  /** `resource`: this hub's MCP resource identifier (`<public base>/mcp`). */
  async verify(token: string, resource: string): Promise<TokenVerdict> {
    let verdict: TokenVerdict | null = null;
    for (const verifier of this.plugged) {
      verdict = await verifier.verify(token);
      if (verdict) break;
    }
    verdict ??= await this.apiKey(token);
    if (verdict.status === 'valid' && verdict.audience && !audienceMatches(verdict.audience, resource)) {
      return {
        status: 'refused', keyId: verdict.principal.keyId,
        reason: `The token was issued for ${verdict.audience.join(', ')}, not for this hub (${resource}).`,
      };
    }
    return verdict;
  }

  private async apiKey(token: string): Promise<TokenVerdict> {
    const check = await this.apiKeys.check(token);
    if (check.status === 'valid') return { status: 'valid', principal: check.principal };
    const keyId = 'keyId' in check ? check.keyId : undefined;
    const reason = check.status === 'token-bound'
      ? 'This access token is bound to one record and serves only the embed API.'
      : check.status.startsWith('token-')
        ? `The access token is ${check.status.slice('token-'.length)}.`
        : 'The API key is malformed, unknown, revoked or wrong.';
    return { status: 'refused', reason, ...(keyId ? { keyId } : {}) };
  }
}

/** Whether an audience list names `resource` (`https://hub/mcp`) or its base URL, ignoring a trailing slash. */
export function audienceMatches(audience: readonly string[], resource: string): boolean {
  const strip = (url: string) => url.replace(/\/+$/, '').toLowerCase();
  const mine = strip(resource);
  const base = mine.endsWith('/mcp') ? mine.slice(0, -'/mcp'.length) : mine;
  return audience.some((aud) => strip(aud) === mine || strip(aud) === base);
}
