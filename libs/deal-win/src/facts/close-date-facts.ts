import { timeMs } from '@hub/lead-scoring';
import { closeDateMs, closeDatePushes, type DealSnapshot } from '../snapshot/deal-snapshot';

export interface ExpectedCloseChange {
  readonly at: number;
  readonly expectedCloseAt: number | null;
}

export interface CloseDateFacts {
  readonly expectedCloseAt: number | null;
  readonly firstExpectedCloseAt: number | null;
  /** The date as set at creation, then each change before `at`. */
  readonly history: ExpectedCloseChange[];
  /** Changes to a later date before `at`. */
  readonly pushes: number;
}

/**
 * The expected close date as known at `at`: the final value replayed backwards through every change
 * made at or after `at` (each change's `from` is what stood before it). The date is assumed set at
 * creation, as the contract has no history of its first setting.
 */
export function closeDateFacts(snapshot: DealSnapshot, at: number): CloseDateFacts {
  const final = closeDateMs(snapshot.deal.expected_close_date);
  const changes = closeDatePushes(snapshot);
  let value: number | null = Number.isFinite(final) ? final : null;
  let first = value;
  for (let i = changes.length - 1; i >= 0; i--) {
    const change = changes[i]!;
    first = change.from;
    if (change.at >= at) value = change.from;
  }
  const before = changes.filter((c) => c.at < at);
  const history: ExpectedCloseChange[] = [
    { at: timeMs(snapshot.deal.created_at), expectedCloseAt: first },
    ...before.map((c) => ({ at: c.at, expectedCloseAt: c.to })),
  ];
  const pushes = before.filter((c) => c.to !== null && (c.from === null || c.to > c.from)).length;
  return { expectedCloseAt: value, firstExpectedCloseAt: first, history, pushes };
}
