import { describe, expect, it } from 'vitest';
import { ForecastInputError } from '../forecast-error';
import { pastErrorShockSd, pastForecastError } from './past-forecast-errors';

describe('past forecast errors', () => {
  const now = Date.UTC(2026, 0, 1);
  const amounts = [100, 100, 100, 100];
  const probabilities = [0.5, 0.5, 0.5, 0.5];

  it('counts only the error beyond the simulation\'s own spread, as a shift of the pipeline\'s log-odds', () => {
    // P10–P90 of 90–110 around 100: log sd ≈ 0.078; an actual of 150 misses by ln 1.5 ≈ 0.405.
    const miss = pastForecastError(now - 200 * 86_400_000, now - 100 * 86_400_000, 150, 100, 90, 110)!;
    expect(miss.logError).toBeCloseTo(Math.log(1.5), 12);
    expect(Math.sqrt(miss.intrinsicLogVariance)).toBeCloseTo((Math.log(110) - Math.log(90)) / 2.563103, 5);
    const inside = pastForecastError(now - 100 * 86_400_000, now, 101, 100, 90, 110)!;
    const result = pastErrorShockSd([miss, inside], now, amounts, probabilities);
    const excess = Math.sqrt((Math.log(1.5) ** 2 - miss.intrinsicLogVariance) / 2);
    expect(result.excessLogSd).toBeCloseTo(excess, 12);
    // At p = 0.5 a shift δ moves ln(expected money) by (1 − p) δ.
    expect(result.sd).toBeCloseTo(excess / 0.5, 12);
    expect(result.errors).toBe(2);
    expect(pastErrorShockSd([inside], now, amounts, probabilities).sd).toBe(0);
  });

  it('refuses an error not yet known at the forecast moment, and skips periods with nothing won', () => {
    const future = pastForecastError(now - 10, now + 1, 120, 100, 90, 110)!;
    expect(() => pastErrorShockSd([future], now, amounts, probabilities)).toThrow(ForecastInputError);
    expect(() => pastErrorShockSd([future], now, amounts, probabilities)).toThrow(/after the forecast moment/);
    expect(pastForecastError(now - 10, now, 0, 100, 90, 110)).toBeNull();
    expect(pastErrorShockSd([], now, amounts, probabilities)).toEqual({ sd: 0, errors: 0, excessLogSd: 0 });
  });
});
