import { generateDemo } from '@hub/demo-data';
import type { RecordLike } from '@hub/lead-scoring';
import { beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS } from '../deal-win-settings';
import { dealContext, type DealContext } from '../facts/deal-context';
import type { DealSnapshot } from '../snapshot/deal-snapshot';
import { dealSnapshotsFromRecords } from '../snapshot/deal-snapshots-from-records';
import { truncateRecords } from '../testing/truncate-records';
import { extractDealFeatures } from './deal-features';

/**
 * No leakage: a deal's features at t computed from the whole data set equal those computed from the
 * records as they stood at t (every later record dropped, every deal rewound to its state at t), for
 * the deal itself and for every other deal behind the owner win rates and amount norms.
 */
describe('deal features see nothing after their moment (demo small, seed 3)', () => {
  let records: RecordLike[];
  let full: Map<number, DealSnapshot>;
  let fullContext: DealContext;

  beforeAll(() => {
    records = [...generateDemo({ size: 'small', seed: 3 }).records];
    full = dealSnapshotsFromRecords(records);
    fullContext = dealContext(full.values());
  }, 60_000);

  /** Every deal created before t, from the full data and from the data as it stood at t. */
  function compareAt(t: number, only?: (s: DealSnapshot) => boolean): number {
    const truncated = dealSnapshotsFromRecords(truncateRecords(records, t));
    const pastContext = dealContext(truncated.values());
    let compared = 0;
    for (const snapshot of full.values()) {
      if (!(Date.parse(snapshot.deal.created_at) < t) || (only && !only(snapshot))) continue;
      const past = truncated.get(snapshot.deal.id)!;
      expect(extractDealFeatures(snapshot, t, fullContext)).toEqual(extractDealFeatures(past, t, pastContext));
      compared++;
    }
    return compared;
  }

  it.each([300, 150, 40])('at %i days before the data end, for every deal that existed then', (daysBefore) => {
    const asOf = Date.parse('2026-11-01T00:00:00Z');
    expect(compareAt(asOf - daysBefore * DAY_MS + 12_345)).toBeGreaterThan(100);
  }, 30_000);

  it('at the scoring moment (created + 14 days) of a few deals', () => {
    for (const snapshot of [...full.values()].filter((_, i) => i % 150 === 11)) {
      expect(compareAt(Date.parse(snapshot.deal.created_at) + 14 * DAY_MS, (s) => s === snapshot)).toBe(1);
    }
  }, 30_000);

  it('reads the amount against norms only once enough deals had closed', () => {
    const first = [...full.values()].sort((a, b) => a.deal.created_at.localeCompare(b.deal.created_at))[0]!;
    const row = extractDealFeatures(first, Date.parse(first.deal.created_at) + 14 * DAY_MS, fullContext);
    expect(row['amount_vs_segment']).toBeNull();
    expect(row['owner_win_rate']).toBeNull();
    const late = [...full.values()].find((s) => s.deal.created_at > '2026-06')!;
    const lateRow = extractDealFeatures(late, Date.parse(late.deal.created_at) + 14 * DAY_MS, fullContext);
    expect(typeof lateRow['amount_vs_segment']).toBe('number');
    expect(lateRow['owner_win_rate']).toBeGreaterThan(0);
  });
});
