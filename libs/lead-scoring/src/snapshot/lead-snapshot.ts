import type { Activity, Company, Contact, Deal, Email, Meeting } from '@hub/contracts';

/**
 * Everything the lead model may look at for one contact, as plain records of the CRM contract.
 * Only the fields named here are read, so a loader can leave the rest out (email bodies, notes).
 * Feature extraction never reads the fields that hold the state "as of now" (the contact's
 * `lifecycle_stage` and `updated_at`, a deal's `stage` while its `closed_at` is after the cut-off).
 */
export interface LeadSnapshot {
  readonly contact: SnapshotContact;
  readonly company: SnapshotCompany | null;
  /** The contact's activities and those of its deals, in any order. */
  readonly activities: readonly SnapshotActivity[];
  /** Emails to or from the contact. */
  readonly emails: readonly SnapshotEmail[];
  /** Meetings the contact took part in. */
  readonly meetings: readonly SnapshotMeeting[];
  /** Deals whose `contact_id` is the contact. */
  readonly deals: readonly SnapshotDeal[];
}

export type SnapshotContact = Pick<Contact, 'id' | 'created_at'> &
  Partial<Pick<Contact, 'company_id' | 'owner_id' | 'title' | 'seniority' | 'is_decision_maker' | 'lead_source' | 'lifecycle_stage' | 'updated_at' | 'custom'>>;
export type SnapshotCompany = Pick<Company, 'id' | 'created_at'> &
  Partial<Pick<Company, 'industry' | 'employees' | 'annual_revenue' | 'country' | 'custom'>>;
/**
 * The time of an activity, email or meeting: the contract's ISO text, or its epoch milliseconds
 * where a loader has them as numbers (the store's loader: no text made only to be parsed back).
 * `timeMs` reads both alike.
 */
export type SnapshotTime = string | number;
export type SnapshotActivity = Pick<Activity, 'type'> & { occurred_at: SnapshotTime } & Partial<Pick<Activity, 'id' | 'contact_id' | 'deal_id' | 'metadata'>>;
export type SnapshotEmail = Pick<Email, 'direction'> & { sent_at: SnapshotTime };
export type SnapshotMeeting = { started_at: SnapshotTime } & Partial<Pick<Meeting, 'duration_minutes'>>;
export type SnapshotDeal = Pick<Deal, 'id' | 'created_at'> &
  Partial<Pick<Deal, 'stage' | 'amount' | 'currency' | 'budget_confirmed' | 'closed_at' | 'products'>>;

/** Epoch milliseconds of a contract time (ISO 8601 with an offset, or epoch milliseconds already); NaN when absent or unreadable. */
export function timeMs(value: SnapshotTime | null | undefined): number {
  if (typeof value === 'number') return value;
  return value ? Date.parse(value) : NaN;
}
