import { OWNER_PRIOR_DEALS } from '../deal-win-settings';
import { closedAtOf, type DealSnapshot } from './deal-snapshot';
import { countBefore } from './sorted-history';

export interface WinRateAt {
  /** Smoothed win rate: (wins + k × global rate) / (closed + k); null when no deal had closed yet. */
  readonly rate: number | null;
  readonly wins: number;
  readonly closed: number;
  /** Win rate of every deal closed before the moment. */
  readonly globalRate: number | null;
}

export interface OwnerWinRates {
  /** The owner's record from deals closed strictly before `t` (epoch ms): nothing later counts. */
  at(ownerId: number | null | undefined, t: number): WinRateAt;
}

interface Closings {
  times: number[];
  /** cumulativeWins[i] = wins among the first i closings. */
  cumulativeWins: number[];
}

function closings(events: { at: number; won: boolean }[]): Closings {
  events.sort((a, b) => a.at - b.at);
  const cumulativeWins = [0];
  for (const e of events) cumulativeWins.push(cumulativeWins.at(-1)! + (e.won ? 1 : 0));
  return { times: events.map((e) => e.at), cumulativeWins };
}

/**
 * Owners' historical win rates, point in time: at any moment only deals closed before it count, and
 * the rate is pulled toward the global rate by `priorDeals` deals' worth (a rep with 2 wins out of 3
 * is not a 67% rep yet).
 */
export function ownerWinRates(snapshots: Iterable<DealSnapshot>, priorDeals = OWNER_PRIOR_DEALS): OwnerWinRates {
  const all: { at: number; won: boolean }[] = [];
  const byOwner = new Map<number, { at: number; won: boolean }[]>();
  for (const snapshot of snapshots) {
    const closed = closedAtOf(snapshot);
    if (!closed) continue;
    all.push(closed);
    const owner = snapshot.deal.owner_id;
    if (typeof owner !== 'number') continue;
    if (!byOwner.has(owner)) byOwner.set(owner, []);
    byOwner.get(owner)!.push(closed);
  }
  const global = closings(all);
  const owners = new Map([...byOwner].map(([owner, events]) => [owner, closings(events)]));
  return {
    at(ownerId, t) {
      const n = countBefore(global.times, t);
      const globalRate = n > 0 ? global.cumulativeWins[n]! / n : null;
      const own = typeof ownerId === 'number' ? owners.get(ownerId) : undefined;
      const closed = own ? countBefore(own.times, t) : 0;
      const wins = own ? own.cumulativeWins[closed]! : 0;
      const rate = globalRate === null ? null : (wins + priorDeals * globalRate) / (closed + priorDeals);
      return { rate, wins, closed, globalRate };
    },
  };
}
