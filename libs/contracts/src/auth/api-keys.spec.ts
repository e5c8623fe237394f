import { describe, expect, it } from 'vitest';
import { API_SCOPES, type ApiScope, effectiveScopes, grantsScope } from './api-keys';

describe('scopes', () => {
  it('admin implies write and read, write implies read, read only itself', () => {
    expect(effectiveScopes(['admin'])).toEqual(['read', 'write', 'admin']);
    expect(effectiveScopes(['write'])).toEqual(['read', 'write']);
    expect(effectiveScopes(['read'])).toEqual(['read']);
    expect(effectiveScopes([])).toEqual([]);
  });

  it('grants a scope exactly when some held scope ranks at least as high (monotone in what is held)', () => {
    for (const held of API_SCOPES) {
      for (const needed of API_SCOPES) {
        const rank = (scope: ApiScope) => API_SCOPES.indexOf(scope);
        expect(grantsScope([held], needed), `${held} → ${needed}`).toBe(rank(held) >= rank(needed));
        expect(grantsScope(['read', held], needed)).toBe(grantsScope([held], needed) || needed === 'read');
      }
    }
  });
});
