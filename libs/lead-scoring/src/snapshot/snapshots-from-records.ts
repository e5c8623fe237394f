import type { LeadSnapshot, SnapshotActivity, SnapshotCompany, SnapshotContact, SnapshotDeal, SnapshotEmail, SnapshotMeeting } from './lead-snapshot';

/** A bundle line as the demo generator and the bundle reader produce it. */
export interface RecordLike {
  readonly type: string;
  readonly data: Record<string, unknown>;
}

interface Parts {
  activities: SnapshotActivity[];
  emails: SnapshotEmail[];
  meetings: SnapshotMeeting[];
  deals: SnapshotDeal[];
}

/** History types whose metadata (`from`/`to`) the features read; other metadata is dropped to save memory. */
const HISTORY_TYPES = new Set(['stage_changed', 'lifecycle_changed']);

/**
 * Snapshots of every contact from bundle records held in memory (tests, the demo, small imports);
 * the API loads the same shape from the store with SQL. Records may come in any order.
 */
export function snapshotsFromRecords(records: Iterable<RecordLike>): Map<number, LeadSnapshot> {
  const contacts = new Map<number, SnapshotContact>();
  const companies = new Map<number, SnapshotCompany>();
  const parts = new Map<number, Parts>();
  const dealContact = new Map<number, number>();
  const dealOnly: SnapshotActivity[] = [];
  const partsOf = (contactId: number): Parts => {
    let found = parts.get(contactId);
    if (!found) parts.set(contactId, (found = { activities: [], emails: [], meetings: [], deals: [] }));
    return found;
  };

  for (const { type, data } of records) {
    const d = data as Record<string, never>;
    if (type === 'contact') contacts.set(d['id'], data as unknown as SnapshotContact);
    else if (type === 'company') companies.set(d['id'], data as unknown as SnapshotCompany);
    else if (type === 'deal') {
      if (typeof d['contact_id'] === 'number') {
        dealContact.set(d['id'], d['contact_id']);
        partsOf(d['contact_id']).deals.push(data as unknown as SnapshotDeal);
      }
    } else if (type === 'activity') {
      const activity: SnapshotActivity = {
        type: d['type'], occurred_at: d['occurred_at'], contact_id: d['contact_id'], deal_id: d['deal_id'],
        ...(HISTORY_TYPES.has(d['type']) ? { metadata: d['metadata'] } : {}),
      };
      if (typeof activity.contact_id === 'number') partsOf(activity.contact_id).activities.push(activity);
      else if (typeof activity.deal_id === 'number') dealOnly.push(activity);
    } else if (type === 'email') {
      if (typeof d['contact_id'] === 'number') partsOf(d['contact_id']).emails.push({ direction: d['direction'], sent_at: d['sent_at'] });
    } else if (type === 'meeting') {
      for (const contactId of (d['contact_ids'] as number[] | undefined) ?? []) {
        partsOf(contactId).meetings.push({ started_at: d['started_at'], duration_minutes: d['duration_minutes'] });
      }
    }
  }
  // A deal's history logged without a contact still belongs to the deal's contact.
  for (const activity of dealOnly) {
    const contactId = dealContact.get(activity.deal_id!);
    if (contactId !== undefined) partsOf(contactId).activities.push(activity);
  }

  const snapshots = new Map<number, LeadSnapshot>();
  for (const [id, contact] of contacts) {
    const own = parts.get(id) ?? { activities: [], emails: [], meetings: [], deals: [] };
    const companyId = contact.company_id;
    snapshots.set(id, { contact, company: typeof companyId === 'number' ? companies.get(companyId) ?? null : null, ...own });
  }
  return snapshots;
}
