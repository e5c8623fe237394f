import { snapshotsFromRecords, type RecordLike, type SnapshotActivity, type SnapshotCompany, type SnapshotContact } from '@hub/lead-scoring';
import type { DealEmail, DealMeeting, DealOwner, DealSnapshot, SnapshotDealRecord } from './deal-snapshot';

interface DealParts {
  activities: SnapshotActivity[];
  emails: DealEmail[];
  meetings: DealMeeting[];
  contactIds: Set<number>;
}

const emptyParts = (): DealParts => ({ activities: [], emails: [], meetings: [], contactIds: new Set() });

/** Metadata the facts read: stage moves and close-date changes; other metadata is dropped to save memory. */
function keptMetadata(d: Record<string, unknown>): Record<string, unknown> | undefined {
  const metadata = d['metadata'] as Record<string, unknown> | null | undefined;
  if (!metadata) return undefined;
  if (d['type'] === 'stage_changed') return { from: metadata['from'], to: metadata['to'] };
  if (metadata['field'] === 'expected_close_date') return { field: metadata['field'], from: metadata['from'], to: metadata['to'] };
  return undefined;
}

/**
 * Snapshots of every deal from bundle records held in memory or streamed once (tests, the demo, small
 * imports); the API loads the same shape from the store with SQL. Records may come in any order. The
 * deal's contact gets its lead snapshot from `@hub/lead-scoring`, built in the same single pass.
 */
export function dealSnapshotsFromRecords(records: Iterable<RecordLike>): Map<number, DealSnapshot> {
  const deals = new Map<number, SnapshotDealRecord>();
  const companies = new Map<number, SnapshotCompany>();
  const users = new Map<number, DealOwner>();
  const parts = new Map<number, DealParts>();
  const partsOf = (dealId: number): DealParts => {
    let found = parts.get(dealId);
    if (!found) parts.set(dealId, (found = emptyParts()));
    return found;
  };

  function take(type: string, data: Record<string, unknown>): void {
    const d = data as Record<string, never>;
    if (type === 'deal') deals.set(d['id'], data as unknown as SnapshotDealRecord);
    else if (type === 'company') companies.set(d['id'], data as unknown as SnapshotCompany);
    else if (type === 'user') users.set(d['id'], { id: d['id'], name: d['name'], team: d['team'], role: d['role'] });
    else if (typeof d['deal_id'] !== 'number') return;
    else if (type === 'activity') {
      const metadata = keptMetadata(data);
      const own = partsOf(d['deal_id']);
      own.activities.push({ id: d['id'], type: d['type'], occurred_at: d['occurred_at'], contact_id: d['contact_id'], deal_id: d['deal_id'], ...(metadata ? { metadata } : {}) });
      if (typeof d['contact_id'] === 'number') own.contactIds.add(d['contact_id']);
    } else if (type === 'email') {
      const own = partsOf(d['deal_id']);
      own.emails.push({ direction: d['direction'], sent_at: d['sent_at'], contact_id: d['contact_id'] });
      if (typeof d['contact_id'] === 'number') own.contactIds.add(d['contact_id']);
    } else if (type === 'meeting') {
      const own = partsOf(d['deal_id']);
      const contactIds = (d['contact_ids'] as number[] | undefined) ?? [];
      own.meetings.push({ started_at: d['started_at'], contact_ids: contactIds, duration_minutes: d['duration_minutes'] });
      for (const id of contactIds) own.contactIds.add(id);
    }
  }
  function* tap(): Generator<RecordLike> {
    for (const record of records) {
      take(record.type, record.data);
      yield record;
    }
  }
  const leads = snapshotsFromRecords(tap());

  const snapshots = new Map<number, DealSnapshot>();
  for (const [id, deal] of deals) {
    const own = parts.get(id) ?? emptyParts();
    const contactIds = new Set<number>(typeof deal.contact_id === 'number' ? [deal.contact_id, ...own.contactIds] : own.contactIds);
    const contacts = [...contactIds].map((c) => leads.get(c)?.contact).filter((c): c is SnapshotContact => c !== undefined);
    snapshots.set(id, {
      deal,
      company: typeof deal.company_id === 'number' ? companies.get(deal.company_id) ?? null : null,
      contacts,
      lead: typeof deal.contact_id === 'number' ? leads.get(deal.contact_id) ?? null : null,
      activities: own.activities,
      emails: own.emails,
      meetings: own.meetings,
      owner: typeof deal.owner_id === 'number' ? users.get(deal.owner_id) ?? { id: deal.owner_id } : null,
    });
  }
  return snapshots;
}
