import { describe, expect, it } from 'vitest';
import { countBelow } from './sorted-search';

describe('countBelow', () => {
  it('counts the entries strictly below, ties excluded, at both ends and in typed arrays', () => {
    const sorted = [0.1, 0.2, 0.2, 0.2, 0.5];
    expect(countBelow(sorted, 0.05)).toBe(0);
    expect(countBelow(sorted, 0.2)).toBe(1);
    expect(countBelow(sorted, 0.3)).toBe(4);
    expect(countBelow(sorted, 0.9)).toBe(5);
    expect(countBelow(Float64Array.from(sorted), 0.5)).toBe(4);
    expect(countBelow([], 1)).toBe(0);
  });
});
