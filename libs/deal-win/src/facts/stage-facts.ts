import { stageHistory, type DealSnapshot } from '../snapshot/deal-snapshot';

export const OPEN_STAGES = ['prospecting', 'qualification', 'proposal', 'negotiation'] as const;
const ORDER = new Map<string, number>(OPEN_STAGES.map((stage, i) => [stage, i]));

export interface StageEntry {
  readonly stage: string;
  readonly enteredAt: number;
}

export interface StageFacts {
  readonly stage: string;
  readonly enteredAt: number | null;
  readonly path: StageEntry[];
  readonly regressions: number;
}

/**
 * The stage at `at` from the `stage_changed` history before it. Without history before `at`: the final
 * stage of a deal closed before `at`; the current stage of an open deal whose CRM logs no history at all
 * (nothing better is known, and an open deal's stage is current); else `unknown`.
 */
export function stageFacts(snapshot: DealSnapshot, at: number, closedBefore: boolean): StageFacts {
  const history = stageHistory(snapshot);
  const before = history.filter((change) => change.at < at);
  let regressions = 0;
  let previous: string | null = null;
  for (const change of before) {
    const from = change.from ?? previous;
    const fromRank = from === null ? undefined : ORDER.get(from);
    const toRank = ORDER.get(change.to);
    if (fromRank !== undefined && toRank !== undefined && toRank < fromRank) regressions++;
    previous = change.to;
  }
  const last = before.at(-1);
  if (last) return { stage: last.to, enteredAt: last.at, path: before.map((c) => ({ stage: c.to, enteredAt: c.at })), regressions };
  const current = snapshot.deal.stage;
  const openWithoutHistory = history.length === 0 && current !== undefined && ORDER.has(current);
  const stage = closedBefore && current ? current : openWithoutHistory ? current : 'unknown';
  return { stage, enteredAt: null, path: [], regressions: 0 };
}
