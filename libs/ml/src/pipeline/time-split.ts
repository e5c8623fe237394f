import type { FeatureRow, FeatureValue } from '../dataset/feature-encoder';

export interface SplitProportions {
  readonly train: number;
  readonly calibration: number;
  readonly test: number;
}

export const DEFAULT_SPLIT: SplitProportions = { train: 0.6, calibration: 0.2, test: 0.2 };

export interface TimeSplit<T> {
  /** Oldest rows. */
  readonly train: T[];
  readonly calibration: T[];
  /** Newest rows: the honest stand-in for the rows the model will score next. */
  readonly test: T[];
}

/** Milliseconds since the epoch from a Date, a number (taken as epoch ms) or a date string. */
export function timeOf(value: FeatureValue): number {
  const time =
    value instanceof Date ? value.getTime() : typeof value === 'number' ? value : typeof value === 'string' ? Date.parse(value) : NaN;
  if (!Number.isFinite(time)) throw new RangeError(`not a time: ${String(value)}`);
  return time;
}

/**
 * Sorts rows by time (stable, so equal times keep input order) and cuts them oldest to newest.
 * A random split would let the model learn from the future of the rows it is tested on.
 */
export function splitByTime<T extends FeatureRow>(
  rows: readonly T[],
  timeColumn: string,
  proportions: SplitProportions = DEFAULT_SPLIT,
): TimeSplit<T> {
  const { train, calibration, test } = proportions;
  if (!(train > 0) || !(calibration >= 0) || !(test >= 0)) throw new RangeError('split proportions must be non-negative, train > 0');
  const total = train + calibration + test;
  const keyed = rows.map((row, index) => {
    try {
      return { row, time: timeOf(row[timeColumn]) };
    } catch {
      throw new RangeError(`row ${index} has no valid time in column "${timeColumn}": ${String(row[timeColumn])}`);
    }
  });
  keyed.sort((a, b) => a.time - b.time);
  const trainEnd = Math.round((rows.length * train) / total);
  const calibrationEnd = Math.round((rows.length * (train + calibration)) / total);
  const sorted = keyed.map((k) => k.row);
  return {
    train: sorted.slice(0, trainEnd),
    calibration: sorted.slice(trainEnd, calibrationEnd),
    test: sorted.slice(calibrationEnd),
  };
}
