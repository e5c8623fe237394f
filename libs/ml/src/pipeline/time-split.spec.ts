import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitByTime, timeOf } from './time-split';

describe('splitByTime', () => {
  it('never puts a test or calibration row before a train row', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 3, maxLength: 200 }), (times) => {
        const rows = times.map((t, id) => ({ id, at: new Date(Date.UTC(2024, 0, 1 + t)) }));
        const { train, calibration, test } = splitByTime(rows, 'at');
        const latest = (part: typeof rows) => Math.max(...part.map((r) => r.at.getTime()));
        const earliest = (part: typeof rows) => Math.min(...part.map((r) => r.at.getTime()));
        expect(train.length + calibration.length + test.length).toBe(rows.length);
        if (calibration.length > 0) expect(earliest(calibration)).toBeGreaterThanOrEqual(latest(train));
        if (test.length > 0) expect(earliest(test)).toBeGreaterThanOrEqual(latest(train));
        if (test.length > 0 && calibration.length > 0) expect(earliest(test)).toBeGreaterThanOrEqual(latest(calibration));
      }),
    );
  });

  it('cuts at the configured proportions and keeps input order among equal times', () => {
    const rows = Array.from({ length: 10 }, (_, id) => ({ id, at: id < 5 ? '2024-01-02' : '2024-01-01' }));
    const { train, calibration, test } = splitByTime(rows, 'at', { train: 0.5, calibration: 0.3, test: 0.2 });
    expect(train.map((r) => r.id)).toEqual([5, 6, 7, 8, 9]);
    expect(calibration.map((r) => r.id)).toEqual([0, 1, 2]);
    expect(test.map((r) => r.id)).toEqual([3, 4]);
  });

  it('reads Dates, epoch milliseconds and ISO strings, and rejects the rest', () => {
    expect(timeOf(new Date(5))).toBe(5);
    expect(timeOf(5)).toBe(5);
    expect(timeOf('1970-01-01T00:00:00.005Z')).toBe(5);
    expect(() => splitByTime([{ at: 'soon' }], 'at')).toThrow(/row 0 has no valid time/);
    expect(() => splitByTime([{ at: null }], 'at')).toThrow(/row 0/);
  });
});
