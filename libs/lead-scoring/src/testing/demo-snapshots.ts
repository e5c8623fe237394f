import { generateDemo, type DemoSize, type DemoTruth } from '@hub/demo-data';
import type { LeadSnapshot } from '../snapshot/lead-snapshot';
import { snapshotsFromRecords } from '../snapshot/snapshots-from-records';

export interface DemoSnapshots {
  readonly snapshots: Map<number, LeadSnapshot>;
  readonly truth: DemoTruth;
  readonly dataEnd: number;
}

const cache = new Map<string, DemoSnapshots>();

/** The demo data set as in-memory snapshots (memoised per size and seed within a test file). */
export function demoSnapshots(size: DemoSize, seed: number): DemoSnapshots {
  const key = `${size}:${seed}`;
  let found = cache.get(key);
  if (!found) {
    const demo = generateDemo({ size, seed });
    const snapshots = snapshotsFromRecords(demo.records);
    found = { snapshots, truth: demo.truth, dataEnd: Date.parse(demo.truth.asOf) };
    cache.set(key, found);
  }
  return found;
}
