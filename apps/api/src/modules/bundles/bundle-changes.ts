import { RECORD_REFERENCES, type RecordType } from '@hub/contracts';
import type { DataSource } from 'typeorm';
import type { ChangedEntity, HubChangeEvent } from '../../core/events/hub-change-event';
import type { HubEventsService } from '../../core/events/hub-events.service';
import { hubSchemaOf } from '../../core/database/hub-schema';

/** What a committed import touched: handed to `onCommitted`, never part of the JSON import result. */
export interface BundleChanges {
  /** Keys upserted (changed or not) or deleted, by record type. */
  records: Partial<Record<RecordType, (number | string)[]>>;
  /** Contacts named by the deals, activities, emails and meetings written or deleted. */
  contacts: number[];
  /** Deals of activities that name no contact of their own: their contacts are looked up after commit. */
  deals: number[];
}

const REFERENCES = RECORD_REFERENCES; // a local: imports compile to getters
const asId = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);

/**
 * Collects, while the writer buffers records, the contacts whose derived data (lead scores) an
 * import may change. One Set insert per record that names a contact: cheap beside parsing it.
 */
export class BundleChangeCollector {
  readonly contacts = new Set<number>();
  readonly deals = new Set<number>();

  /** note() for a written record, from its references as the line encoder lists them (see EncodedLines). */
  noteReferences(type: RecordType, fields: Uint8Array, ids: Float64Array, start: number, end: number): void {
    if (type !== 'meeting' && type !== 'deal' && type !== 'activity' && type !== 'email') return;
    const references = REFERENCES[type];
    let contact = false;
    let deal = Number.NaN;
    for (let index = start; index < end; index++) {
      const field = references[fields[index]!]!.field;
      if (field === 'contact_id' || field === 'contact_ids') {
        this.contacts.add(ids[index]!);
        contact = true;
      } else if (field === 'deal_id') {
        deal = ids[index]!;
      }
    }
    if (type === 'activity' && !contact && !Number.isNaN(deal)) this.deals.add(deal);
  }

  /** A deleted row (its RETURNING columns, named as the contract's fields). */
  note(type: RecordType, data: Record<string, unknown>): void {
    if (type === 'meeting') {
      const members = data['contact_ids'];
      if (Array.isArray(members)) for (const member of members) if (typeof member === 'number') this.contacts.add(member);
      return;
    }
    if (type !== 'deal' && type !== 'activity' && type !== 'email') return;
    const contact = asId(data['contact_id']);
    if (contact !== undefined) this.contacts.add(contact);
    else if (type === 'activity') {
      const deal = asId(data['deal_id']);
      if (deal !== undefined) this.deals.add(deal);
    }
  }
}

/**
 * The change event of a committed import: its records by entity and every contact whose derived
 * data may need recomputing, including the contacts of written companies and of deals whose
 * activities name no contact (looked up now that the import is committed).
 */
export async function importChangeEvent(dataSource: DataSource, changes: BundleChanges): Promise<Omit<HubChangeEvent, 'id' | 'at'>> {
  const s = hubSchemaOf(dataSource);
  const contacts = new Set<number>(changes.contacts);
  for (const id of changes.records.contact ?? []) contacts.add(id as number);
  const companies = changes.records.company ?? [];
  if (companies.length > 0) {
    const rows: { id: number }[] = await dataSource.query(`SELECT id::float8 AS id FROM ${s}.contacts WHERE company_id = ANY($1::bigint[])`, [companies]);
    for (const row of rows) contacts.add(row.id);
  }
  if (changes.deals.length > 0) {
    const rows: { id: number }[] = await dataSource.query(
      `SELECT contact_id::float8 AS id FROM ${s}.deals WHERE id = ANY($1::bigint[]) AND contact_id IS NOT NULL`, [changes.deals]);
    for (const row of rows) contacts.add(row.id);
  }
  return { source: 'import', records: changes.records as Partial<Record<ChangedEntity, (number | string)[]>>, contacts: [...contacts].sort((a, b) => a - b) };
}

/** Publishes an import's change event; never throws (the import stands whatever happens to its event). */
export async function publishImportChanges(dataSource: DataSource, events: HubEventsService, changes: BundleChanges): Promise<void> {
  try {
    await events.publish(await importChangeEvent(dataSource, changes));
  } catch {
    // Events are hints: a lookup that failed leaves the periodic rescoring to catch up.
  }
}
