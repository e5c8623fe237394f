import type { DealEmail, DealMeeting, DealOwner, DealSnapshot, SnapshotDealRecord } from '@hub/deal-win';
import type { SnapshotActivity, SnapshotContact } from '@hub/lead-scoring';
import type { DataSource } from 'typeorm';
import { hubSchemaOf } from '../../core/database/hub-schema';
import { LeadSnapshotLoader } from '../lead-scoring/lead-snapshot.loader';

/** Times come out of SQL as ISO text in UTC, which is what the snapshot records hold. */
const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

interface Owned<T> {
  for_deal: number;
  record: T;
}

/**
 * Loads deal snapshots from the store for a page of deals: the deal, its company and owner, its own
 * activities (metadata only for stage moves and close-date changes), emails and meetings (no bodies,
 * no transcripts), the contacts it involved, and its main contact's lead snapshot.
 */
export class DealSnapshotLoader {
  private readonly s: string;
  private readonly leads: LeadSnapshotLoader;

  constructor(private readonly dataSource: DataSource) {
    this.s = hubSchemaOf(dataSource);
    this.leads = new LeadSnapshotLoader(dataSource);
  }

  dataEnd(): Promise<number> {
    return this.leads.dataEnd();
  }

  async countDeals(): Promise<number> {
    const [{ n }] = await this.dataSource.query(`SELECT count(*)::int AS n FROM ${this.s}.deals`);
    return n;
  }

  /** Deal ids page by page (keyset by id); `open` limits them to deals not closed now. */
  async *dealIdPages(selection: 'all' | 'open', pageSize = 2000): AsyncGenerator<number[]> {
    const where = selection === 'open' ? `AND stage NOT IN ('closed_won', 'closed_lost')` : '';
    let after = 0;
    for (;;) {
      // Ordered by the column, not the float8 alias of the same name: that would sort the whole table each page.
      const rows: { id: number }[] = await this.dataSource.query(
        `SELECT d.id::float8 AS id FROM ${this.s}.deals d WHERE d.id > $1 ${where} ORDER BY d.id LIMIT $2`, [after, pageSize]);
      if (rows.length === 0) return;
      yield rows.map((row) => row.id);
      after = rows[rows.length - 1]!.id;
    }
  }

  /** Every deal's snapshot (or only the open ones), page by page. */
  async loadAll(selection: 'all' | 'open' = 'all'): Promise<DealSnapshot[]> {
    const snapshots: DealSnapshot[] = [];
    for await (const ids of this.dealIdPages(selection)) snapshots.push(...(await this.load(ids)));
    return snapshots;
  }

  /** Snapshots of the given deals (missing ids skipped), in the order of `ids`. */
  async load(ids: readonly number[]): Promise<DealSnapshot[]> {
    if (ids.length === 0) return [];
    const s = this.s;
    const q = <T>(sql: string, params: unknown[] = [ids]) => this.dataSource.query(sql, params) as Promise<T[]>;
    const deals = await q<SnapshotDealRecord>(`
      SELECT id::float8 AS id, company_id::float8 AS company_id, contact_id::float8 AS contact_id, owner_id::float8 AS owner_id,
             amount::float8 AS amount, currency, stage, budget_confirmed, to_char(expected_close_date, 'YYYY-MM-DD') AS expected_close_date,
             ${iso('created_at')} AS created_at, ${iso('closed_at')} AS closed_at, products, custom
      FROM ${s}.deals WHERE id = ANY($1::bigint[])`);
    const companyIds = [...new Set(deals.flatMap((d) => (typeof d.company_id === 'number' ? [d.company_id] : [])))];
    const ownerIds = [...new Set(deals.flatMap((d) => (typeof d.owner_id === 'number' ? [d.owner_id] : [])))];
    const [companies, owners, activities, emails, meetings] = await Promise.all([
      q<{ id: number; created_at: string }>(`
        SELECT id::float8 AS id, ${iso('created_at')} AS created_at, industry, employees, annual_revenue::float8 AS annual_revenue, country, custom
        FROM ${s}.companies WHERE id = ANY($1::bigint[])`, [companyIds]),
      q<DealOwner>(`SELECT id::float8 AS id, name, team, role FROM ${s}.users WHERE id = ANY($1::bigint[])`, [ownerIds]),
      q<Owned<SnapshotActivity>>(`
        SELECT deal_id::float8 AS for_deal, json_build_object('id', id, 'type', type, 'occurred_at', ${iso('occurred_at')}, 'contact_id', contact_id,
               'deal_id', deal_id, 'metadata', CASE WHEN type = 'stage_changed' OR metadata->>'field' = 'expected_close_date'
                 THEN metadata - 'text' END) AS record
        FROM ${s}.activities WHERE deal_id = ANY($1::bigint[])`),
      q<Owned<DealEmail>>(`
        SELECT deal_id::float8 AS for_deal, json_build_object('direction', direction, 'sent_at', ${iso('sent_at')}, 'contact_id', contact_id) AS record
        FROM ${s}.emails WHERE deal_id = ANY($1::bigint[])`),
      q<Owned<DealMeeting>>(`
        SELECT deal_id::float8 AS for_deal, json_build_object('started_at', ${iso('started_at')}, 'contact_ids', contact_ids,
               'duration_minutes', duration_minutes) AS record
        FROM ${s}.meetings WHERE deal_id = ANY($1::bigint[])`),
    ]);
    const parts = new Map(deals.map((d) => [d.id, { activities: [] as SnapshotActivity[], emails: [] as DealEmail[], meetings: [] as DealMeeting[] }]));
    for (const row of activities) parts.get(row.for_deal)?.activities.push(row.record);
    for (const row of emails) parts.get(row.for_deal)?.emails.push(row.record);
    for (const row of meetings) parts.get(row.for_deal)?.meetings.push(row.record);

    const involved = new Map<number, Set<number>>();
    for (const deal of deals) {
      const own = new Set<number>(typeof deal.contact_id === 'number' ? [deal.contact_id] : []);
      const p = parts.get(deal.id)!;
      for (const a of p.activities) if (typeof a.contact_id === 'number') own.add(a.contact_id);
      for (const e of p.emails) if (typeof e.contact_id === 'number') own.add(e.contact_id);
      for (const m of p.meetings) for (const id of m.contact_ids ?? []) own.add(Number(id));
      involved.set(deal.id, own);
    }
    const mainContacts = [...new Set(deals.flatMap((d) => (typeof d.contact_id === 'number' ? [d.contact_id] : [])))];
    const otherContacts = [...new Set([...involved.values()].flatMap((set) => [...set]))].filter((id) => !mainContacts.includes(id));
    const [leads, others] = await Promise.all([
      this.leads.load(mainContacts),
      q<SnapshotContact>(`
        SELECT id::float8 AS id, company_id::float8 AS company_id, owner_id::float8 AS owner_id, title, seniority, is_decision_maker,
               lead_source, ${iso('created_at')} AS created_at, custom
        FROM ${s}.contacts WHERE id = ANY($1::bigint[])`, [otherContacts]),
    ]);
    const leadById = new Map(leads.map((lead) => [lead.contact.id, lead]));
    const contactById = new Map<number, SnapshotContact>([...others.map((c) => [c.id, c] as const), ...leads.map((l) => [l.contact.id, l.contact] as const)]);
    const companyById = new Map(companies.map((c) => [c.id, c]));
    const ownerById = new Map(owners.map((o) => [o.id, o]));
    const byId = new Map(deals.map((deal) => [deal.id, {
      deal: { ...deal, products: deal.products ?? undefined, custom: deal.custom ?? undefined },
      company: typeof deal.company_id === 'number' ? (companyById.get(deal.company_id) as DealSnapshot['company']) ?? null : null,
      contacts: [...involved.get(deal.id)!].flatMap((id) => contactById.get(id) ?? []),
      lead: typeof deal.contact_id === 'number' ? leadById.get(deal.contact_id) ?? null : null,
      ...parts.get(deal.id)!,
      owner: typeof deal.owner_id === 'number' ? ownerById.get(deal.owner_id) ?? { id: deal.owner_id } : null,
    } satisfies DealSnapshot]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }
}
