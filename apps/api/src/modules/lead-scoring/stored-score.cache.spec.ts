import type { LeadScore } from '@hub/contracts';
import { describe, expect, it } from 'vitest';
import { type StoredScore, StoredScoreCache } from './stored-score.cache';

const stored = (contactId: number, score: number): StoredScore => ({ score: { contact_id: contactId, score } as LeadScore, scoredAt: new Date(0) });

describe('StoredScoreCache', () => {
  const setup = (options: { max?: number } = {}) => {
    let now = 0;
    const rows = new Map<number, StoredScore>([[1, stored(1, 10)], [2, stored(2, 20)], [3, stored(3, 30)]]);
    const reads: number[] = [];
    const cache = new StoredScoreCache(async (id) => {
      reads.push(id);
      return rows.get(id);
    }, { ttlMs: 1000, now: () => now, ...options });
    return { cache, rows, reads, at: (ms: number) => (now = ms) };
  };

  it('answers a contact read lately without reading again, until the time bound passes', async () => {
    const { cache, rows, reads, at } = setup();
    expect((await cache.current(1))?.score.score).toBe(10);
    rows.set(1, stored(1, 11));
    expect((await cache.current(1))?.score.score).toBe(10);
    at(1000);
    expect((await cache.current(1))?.score.score).toBe(11);
    expect(reads).toEqual([1, 1]);
  });

  it('forgets contacts named by a change, and keeps what this instance stored', async () => {
    const { cache, rows, reads } = setup();
    await cache.current(1);
    rows.set(1, stored(1, 12));
    cache.forget([1]);
    expect((await cache.current(1))?.score.score).toBe(12);
    cache.remember(stored(1, 13));
    expect((await cache.current(1))?.score.score).toBe(13);
    expect(reads).toEqual([1, 1]);
  });

  it('does not keep a read that a change overlapped (it may hold the old row)', async () => {
    const { cache, reads } = setup();
    const reading = cache.current(2);
    cache.forget([2]);
    await reading;
    await cache.current(2);
    expect(reads).toEqual([2, 2]);
  });

  it('holds at most `max` contacts, dropping the least recently stored', async () => {
    const { cache, reads } = setup({ max: 2 });
    await cache.current(1);
    await cache.current(2);
    await cache.current(3);
    expect(cache.size).toBe(2);
    await cache.current(3);
    await cache.current(1);
    expect(reads).toEqual([1, 2, 3, 1]);
  });

  it('remembers nothing for a contact without a stored score', async () => {
    const { cache, reads } = setup();
    expect(await cache.current(99)).toBeUndefined();
    expect(await cache.current(99)).toBeUndefined();
    expect(reads).toEqual([99, 99]);
  });
});
