import { generateApiKey } from './api-key-format';

/** Access tokens look like keys with their own mark, so a glance (and a log scrubber) tells them apart. */
export const ACCESS_TOKEN_MARK = 'sht_';
const TOKEN_PATTERN = /^sht_([A-Za-z0-9]{8})_([A-Za-z0-9]{43})$/;

export interface NewAccessToken {
  /** `sht_<prefix>_<secret>`: answered once, never stored. */
  token: string;
  prefix: string;
  secretHash: string;
}

/** A fresh token: the same 256-bit secret and SHA-256 hash as an API key, under the token mark. */
export function generateAccessToken(): NewAccessToken {
  const { key, prefix, secretHash } = generateApiKey();
  return { token: ACCESS_TOKEN_MARK + key.slice('shk_'.length), prefix, secretHash };
}

export function isAccessToken(token: string): boolean {
  return token.startsWith(ACCESS_TOKEN_MARK);
}

export function parseAccessToken(token: string): { prefix: string; secret: string } | null {
  const match = TOKEN_PATTERN.exec(token);
  return match ? { prefix: match[1]!, secret: match[2]! } : null;
}
