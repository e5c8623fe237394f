import { MIN_CLOSED_DEALS, MIN_WINS } from '../deal-win-settings';

/** Known wins (and closed deals) against what a trained model needs; below it the stage rules score. */
export interface DealDataSufficiency {
  readonly wins: number;
  readonly winsNeeded: number;
  readonly closedDeals: number;
  readonly closedDealsNeeded: number;
  /** min(wins / needed, closed / needed), capped at 1: the dashboard's meter. */
  readonly ratio: number;
  readonly sufficient: boolean;
}

export function dealDataSufficiency(closedDeals: number, wins: number, winsNeeded = MIN_WINS, closedDealsNeeded = MIN_CLOSED_DEALS): DealDataSufficiency {
  const share = (have: number, need: number) => (need > 0 ? have / need : 1);
  return {
    wins,
    winsNeeded,
    closedDeals,
    closedDealsNeeded,
    ratio: Math.min(1, share(wins, winsNeeded), share(closedDeals, closedDealsNeeded)),
    sufficient: wins >= winsNeeded && closedDeals >= closedDealsNeeded && closedDeals > wins,
  };
}

/** What is missing, in words. */
export function dealSufficiencyReason(s: DealDataSufficiency): string {
  if (s.sufficient) return 'enough closed deals for a trained model';
  const missing: string[] = [];
  if (s.wins < s.winsNeeded) missing.push(`${s.wins} of the ${s.winsNeeded} won deals`);
  if (s.closedDeals < s.closedDealsNeeded) missing.push(`${s.closedDeals} of the ${s.closedDealsNeeded} closed deals`);
  if (missing.length === 0) return 'no lost deals to learn from (every closed deal was won); the stage rules score until then';
  return `only ${missing.join(' and ')} a trained model needs (deals closed and created at least the outcome horizon before the data's end); the stage rules score until then`;
}
