import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const PREFIX_LENGTH = 8;
/** 43 base-62 characters: 256 bits of entropy. */
const SECRET_LENGTH = 43;
const KEY_PATTERN = new RegExp(`^shk_([A-Za-z0-9]{${PREFIX_LENGTH}})_([A-Za-z0-9]{${SECRET_LENGTH}})$`);

/** Uniform random base-62 text (rejection sampling, so no character is likelier than another). */
function randomBase62(length: number): string {
  let text = '';
  while (text.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248 && text.length < length) text += ALPHABET[byte % 62];
    }
  }
  return text;
}

export interface NewApiKey {
  /** The whole key, `shk_<prefix>_<secret>`: shown once, never stored. */
  key: string;
  prefix: string;
  secretHash: string;
}

/** A fresh key: a public prefix for lookup and display, and a secret of which only a hash is kept. */
export function generateApiKey(): NewApiKey {
  const prefix = randomBase62(PREFIX_LENGTH);
  const secret = randomBase62(SECRET_LENGTH);
  return { key: `shk_${prefix}_${secret}`, prefix, secretHash: hashSecret(secret) };
}

/** The prefix and secret of a well-formed key, or null. */
export function parseApiKey(token: string): { prefix: string; secret: string } | null {
  const match = KEY_PATTERN.exec(token);
  return match ? { prefix: match[1]!, secret: match[2]! } : null;
}

/**
 * SHA-256, hex. A slow password hash is not needed: the secret carries 256 random bits, so the
 * hash cannot be reversed by guessing, and every request is verified at the cost of one digest.
 */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Compares two secrets in constant time (by their digests, so lengths may differ). */
export function secretsEqual(given: string, expectedHash: string): boolean {
  const a = Buffer.from(hashSecret(given), 'hex');
  const b = Buffer.from(expectedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** How a key is shown once created: its prefix only. */
export function maskedKey(prefix: string): string {
  return `shk_${prefix}_…`;
}
