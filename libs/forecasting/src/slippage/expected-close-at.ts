import type { ClosedDealHistory } from '../deal-state';

/**
 * The expected close date as it stood at `time`. With a change history that is the last change at
 * or before `time` (null when the date was not yet set). Without one, only the first and last
 * values are known: the first stands for the earlier stages, the last for the final open stage.
 */
export function expectedCloseKnownAt(deal: ClosedDealHistory, time: number, isFinalStage: boolean): number | null {
  if (deal.expectedCloseHistory && deal.expectedCloseHistory.length > 0) {
    let known: number | null = null;
    for (const change of deal.expectedCloseHistory) if (change.at <= time) known = change.expectedCloseAt;
    return known;
  }
  return isFinalStage ? (deal.lastExpectedCloseAt ?? deal.firstExpectedCloseAt) : (deal.firstExpectedCloseAt ?? deal.lastExpectedCloseAt);
}
