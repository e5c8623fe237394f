import { generateDemo, type DemoSize, type DemoTruth } from '@hub/demo-data';
import { dealContext, type DealContext } from '../facts/deal-context';
import type { DealSnapshot } from '../snapshot/deal-snapshot';
import { dealSnapshotsFromRecords } from '../snapshot/deal-snapshots-from-records';

export interface DemoDealSnapshots {
  readonly snapshots: Map<number, DealSnapshot>;
  readonly context: DealContext;
  readonly truth: DemoTruth;
  readonly dataEnd: number;
}

const cache = new Map<string, DemoDealSnapshots>();

/** The demo data set as in-memory deal snapshots with their context (memoised per size and seed within a test file). */
export function demoDealSnapshots(size: DemoSize, seed: number): DemoDealSnapshots {
  const key = `${size}:${seed}`;
  let found = cache.get(key);
  if (!found) {
    const demo = generateDemo({ size, seed });
    const snapshots = dealSnapshotsFromRecords(demo.records);
    found = { snapshots, context: dealContext(snapshots.values()), truth: demo.truth, dataEnd: Date.parse(demo.truth.asOf) };
    cache.set(key, found);
  }
  return found;
}
