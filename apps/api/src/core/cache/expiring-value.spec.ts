import { describe, expect, it } from 'vitest';
import { ExpiringValue } from './expiring-value';

describe('ExpiringValue', () => {
  it('loads once for callers that ask at the same time, and again only after it expires', async () => {
    let now = 0;
    let loads = 0;
    const value = new ExpiringValue(async () => ++loads, 1000, () => now);
    expect(await Promise.all([value.get(), value.get(), value.get()])).toEqual([1, 1, 1]);
    now = 999;
    expect(await value.get()).toBe(1);
    now = 1000;
    expect(await value.get()).toBe(2);
    expect(loads).toBe(2);
  });

  it('after invalidate, loads afresh and does not keep a load that was in flight when it was dropped', async () => {
    let release!: (n: number) => void;
    let loads = 0;
    const value = new ExpiringValue(() => (++loads === 1 ? new Promise<number>((done) => (release = done)) : Promise.resolve(loads)), 60_000);
    const first = value.get();
    value.invalidate();
    const second = value.get();
    release(1);
    expect(await first).toBe(1);
    expect(await second).toBe(2);
    expect(await value.get()).toBe(2); // the dropped load's 1 was not kept
    expect(loads).toBe(2);
  });

  it('a failed load is not kept: the next caller tries again', async () => {
    let calls = 0;
    const value = new ExpiringValue(async () => {
      if (++calls === 1) throw new Error('database away');
      return 'ok';
    }, 60_000);
    await expect(value.get()).rejects.toThrow('database away');
    expect(await value.get()).toBe('ok');
  });
});
