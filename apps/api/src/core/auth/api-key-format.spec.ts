import { createHash } from 'node:crypto';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { loadHubConfig } from '../config/hub-config';
import { generateApiKey, parseApiKey, secretsEqual } from './api-key-format';

describe('API key format', () => {
  it('makes shk_<8-character prefix>_<43-character secret> keys, all different, with the hash of the secret', () => {
    const keys = Array.from({ length: 500 }, generateApiKey);
    for (const { key, prefix, secretHash } of keys) {
      const parsed = parseApiKey(key)!;
      expect(parsed.prefix).toBe(prefix);
      expect(parsed.secret).toHaveLength(43); // 43 × log2(62) ≈ 256 bits
      expect(secretHash).toBe(createHash('sha256').update(parsed.secret).digest('hex'));
      expect(secretsEqual(parsed.secret, secretHash)).toBe(true);
      expect(secretsEqual(parsed.secret.slice(1) + 'x', secretHash)).toBe(false);
    }
    expect(new Set(keys.map((key) => key.prefix)).size).toBe(keys.length);
    expect(new Set(keys.map((key) => key.key)).size).toBe(keys.length);
  });

  it('spreads secret characters over the whole alphabet (no bias toward the first letters)', () => {
    const counts = new Map<string, number>();
    for (let index = 0; index < 2000; index++) {
      for (const character of parseApiKey(generateApiKey().key)!.secret) counts.set(character, (counts.get(character) ?? 0) + 1);
    }
    expect(counts.size).toBe(62);
    const expected = (2000 * 43) / 62;
    for (const count of counts.values()) expect(Math.abs(count - expected) / expected).toBeLessThan(0.15);
  });

  it('rejects anything that is not a well-formed key', () => {
    const { key } = generateApiKey();
    for (const token of ['', 'shk_', key.slice(0, -1), `${key}x`, key.replace('shk_', 'sk_'), key.replace(/_/g, '-'), ` ${key}`]) {
      expect(parseApiKey(token), token).toBeNull();
    }
  });
});

describe('HUB_ADMIN_KEY in the configuration', () => {
  it('is kept as a secret that never prints, and must be long enough', () => {
    const config = loadHubConfig({ HUB_ADMIN_KEY: 'a-long-enough-admin-key' });
    expect(config.auth.adminKey!.reveal()).toBe('a-long-enough-admin-key');
    const printed = [JSON.stringify(config), inspect(config, { depth: 5 }), String(config.auth.adminKey)].join('\n');
    expect(printed).not.toContain('a-long-enough-admin-key');
    expect(() => loadHubConfig({ HUB_ADMIN_KEY: 'short' })).toThrow(/HUB_ADMIN_KEY: must be at least 16 characters/);
    expect(() => loadHubConfig({ HUB_ADMIN_KEY: 'short' })).not.toThrow(/short/);
    expect(loadHubConfig({}).auth.adminKey).toBeUndefined();
  });
});
