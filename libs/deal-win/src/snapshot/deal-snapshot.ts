import type { Deal, User } from '@hub/contracts';
import { timeMs, type LeadSnapshot, type SnapshotActivity, type SnapshotCompany, type SnapshotContact } from '@hub/lead-scoring';

/**
 * Everything the deal model may look at for one deal, as plain records of the CRM contract. Only the
 * fields named here are read, so a loader can leave the rest out (email bodies, transcripts). Facts
 * never read the fields that hold the state "as of now" (`stage`, `closed_at`, `expected_close_date`,
 * `lost_reason`) except for a deal closed before the moment asked about; the history replays them.
 */
export interface DealSnapshot {
  readonly deal: SnapshotDealRecord;
  readonly company: SnapshotCompany | null;
  /** The deal's contact (`deal.contact_id`) and every contact on its activities, emails and meetings. */
  readonly contacts: readonly SnapshotContact[];
  /** The deal's contact with its own history (as a lead), for the contact's profile and lead engagement. */
  readonly lead: LeadSnapshot | null;
  /** Activities with `deal_id` = the deal, including its `stage_changed` history and close-date notes. */
  readonly activities: readonly SnapshotActivity[];
  /** Emails with `deal_id` = the deal. */
  readonly emails: readonly DealEmail[];
  /** Meetings with `deal_id` = the deal. */
  readonly meetings: readonly DealMeeting[];
  readonly owner: DealOwner | null;
}

export type SnapshotDealRecord = Pick<Deal, 'id' | 'created_at' | 'amount' | 'currency'> &
  Partial<Pick<Deal, 'company_id' | 'contact_id' | 'owner_id' | 'stage' | 'budget_confirmed' | 'expected_close_date' | 'closed_at' | 'products' | 'custom'>>;
export interface DealEmail {
  readonly direction: 'inbound' | 'outbound';
  readonly sent_at: string;
  readonly contact_id?: number | null;
}
export interface DealMeeting {
  readonly started_at: string;
  readonly contact_ids?: readonly number[];
  readonly duration_minutes?: number;
}
export type DealOwner = Pick<User, 'id'> & Partial<Pick<User, 'name' | 'team' | 'role'>>;

export interface StageChange {
  readonly at: number;
  readonly from: string | null;
  readonly to: string;
}

export interface CloseDatePush {
  readonly at: number;
  /** Epoch ms of the calendar dates (UTC midnight). */
  readonly from: number | null;
  readonly to: number | null;
}

/** Epoch ms of an `expected_close_date` (`YYYY-MM-DD`, or a full time whose date is taken); NaN if unreadable. */
export function closeDateMs(value: unknown): number {
  if (typeof value !== 'string' || value.length < 10) return NaN;
  return Date.parse(`${value.slice(0, 10)}T00:00:00Z`);
}

/** The deal's `stage_changed` history in time order (unreadable entries skipped). */
export function stageHistory(snapshot: DealSnapshot): StageChange[] {
  const changes: StageChange[] = [];
  for (const activity of snapshot.activities) {
    if (activity.type !== 'stage_changed') continue;
    const to = activity.metadata?.['to'];
    const from = activity.metadata?.['from'];
    const at = timeMs(activity.occurred_at);
    if (typeof to !== 'string' || !Number.isFinite(at)) continue;
    changes.push({ at, from: typeof from === 'string' ? from : null, to });
  }
  return changes.sort((a, b) => a.at - b.at);
}

/** A `note` (or any activity) whose metadata records an `expected_close_date` change. */
export function isCloseDatePush(activity: SnapshotActivity): boolean {
  return activity.metadata?.['field'] === 'expected_close_date';
}

/** The deal's `expected_close_date` changes in time order. */
export function closeDatePushes(snapshot: DealSnapshot): CloseDatePush[] {
  const pushes: CloseDatePush[] = [];
  for (const activity of snapshot.activities) {
    if (!isCloseDatePush(activity)) continue;
    const at = timeMs(activity.occurred_at);
    if (!Number.isFinite(at)) continue;
    const from = closeDateMs(activity.metadata?.['from']);
    const to = closeDateMs(activity.metadata?.['to']);
    pushes.push({ at, from: Number.isFinite(from) ? from : null, to: Number.isFinite(to) ? to : null });
  }
  return pushes.sort((a, b) => a.at - b.at);
}

/** When the deal closed (from its history, else `closed_at` of a closed deal); null while open. */
export function closedAtOf(snapshot: DealSnapshot): { at: number; won: boolean } | null {
  const stage = snapshot.deal.stage;
  if (stage === 'closed_won' || stage === 'closed_lost') {
    const at = timeMs(snapshot.deal.closed_at);
    if (Number.isFinite(at)) return { at, won: stage === 'closed_won' };
    const last = stageHistory(snapshot).filter((c) => c.to === stage).at(-1);
    return last ? { at: last.at, won: stage === 'closed_won' } : null;
  }
  return null;
}
