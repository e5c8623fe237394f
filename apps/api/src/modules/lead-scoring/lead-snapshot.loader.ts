import {
  DAY_MS, HORIZON_DAYS, QUALIFICATION_DAYS, type LeadSnapshot, type SnapshotActivity, type SnapshotCompany, type SnapshotContact,
  type SnapshotDeal, type SnapshotEmail, type SnapshotMeeting,
} from '@hub/lead-scoring';
import type { DataSource } from 'typeorm';
import { hubSchemaOf } from '../../core/database/hub-schema';
import { isEmbeddedStore } from '../../core/database/store-kind';

/** Times come out of SQL as ISO text in UTC, which is what the snapshot records hold. */
const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** Lifecycle stages of the leads worth scoring now (the current stage selects whom to score; it is never a feature). */
export const OPEN_LEAD_STAGES = ['lead', 'mql', 'sql', 'opportunity'];

export type ContactSelection = 'trainable' | 'open-leads';

/** Contacts with ids above `after` and up to `upTo` (null: no upper bound). */
export interface ContactIdRange {
  readonly after: number;
  readonly upTo: number | null;
}

const FULL_RANGE: ContactIdRange = { after: 0, upTo: null };

/**
 * Pages of at least this many contacts are looked up with parallel plans and JIT off (see `lookup`);
 * below it the planner's misjudgement stays under both thresholds and one round trip is enough.
 */
const BATCH_LOOKUP = 100;

/**
 * Epoch milliseconds of a time column, whole (as the ISO text in records holds them): truncated to
 * the millisecond first, so the float8 epoch times 1000 is within rounding of an integer and
 * `round` gives it exactly; several times cheaper than `extract`, which computes in numeric.
 */
const epochMs = (column: string) => `round(date_part('epoch', date_trunc('milliseconds', ${column})) * 1000)`;

/**
 * Rows that are the snapshot's records themselves (their extra `for_contact` is never read): times
 * as epoch milliseconds, which `timeMs` takes as they are. An activity reached through a deal has
 * a null `contact_id` (it names no contact).
 */
type ActivityRow = SnapshotActivity & { for_contact: number; occurred_at: number };
type EmailRow = SnapshotEmail & { for_contact: number };
type MeetingRow = SnapshotMeeting & { for_contact: number };

/**
 * Loads lead snapshots from the store: one query per record type for a page of contacts (index
 * lookups on `contact_id`, `deal_id` and the meetings' GIN index), only the columns the features
 * read, so email bodies and transcripts never leave the database.
 */
export class LeadSnapshotLoader {
  private readonly s: string;

  constructor(private readonly dataSource: DataSource) {
    this.s = hubSchemaOf(dataSource);
  }

  /** The data's end: the latest event the store holds, never later than the wall clock. */
  async dataEnd(): Promise<number> {
    const s = this.s;
    const rows: { end_ms: string | null }[] = await this.dataSource.query(`
      SELECT extract(epoch FROM greatest(
        (SELECT max(occurred_at) FROM ${s}.activities), (SELECT max(sent_at) FROM ${s}.emails),
        (SELECT max(started_at) FROM ${s}.meetings), (SELECT max(created_at) FROM ${s}.contacts),
        (SELECT max(created_at) FROM ${s}.deals))) * 1000 AS end_ms`);
    const end = rows[0]?.end_ms === null || rows[0]?.end_ms === undefined ? NaN : Number(rows[0].end_ms);
    return Number.isFinite(end) ? Math.min(end, Date.now()) : Date.now();
  }

  /**
   * Labelled leads and known conversions, counted in SQL by the library's label rule (so the registry
   * can show the sufficiency meter without loading every snapshot): leads whose horizon ended by the
   * data's end and that had not converted by their cut-off; conversions within the horizon.
   */
  async labelCounts(dataEnd: number): Promise<{ labelled: number; conversions: number }> {
    const s = this.s;
    const rows: { labelled: number; conversions: number }[] = await this.dataSource.query(`
      WITH conversion AS (
        SELECT contact_id, min(t) AS t FROM (
          SELECT a.contact_id, a.occurred_at AS t FROM ${s}.activities a
            WHERE a.type = 'lifecycle_changed' AND a.metadata->>'to' = 'customer'
          UNION ALL
          SELECT coalesce(a.contact_id, d.contact_id), a.occurred_at FROM ${s}.activities a
            LEFT JOIN ${s}.deals d ON d.id = a.deal_id AND a.contact_id IS NULL
            WHERE a.type = 'stage_changed' AND a.metadata->>'to' = 'closed_won'
          UNION ALL
          SELECT d.contact_id, d.closed_at FROM ${s}.deals d WHERE d.stage = 'closed_won' AND d.closed_at IS NOT NULL
        ) moments WHERE contact_id IS NOT NULL GROUP BY contact_id)
      SELECT count(*)::int AS labelled,
             (count(*) FILTER (WHERE conversion.t <= c.created_at + make_interval(hours => 24 * $2::int)))::int AS conversions
      FROM ${s}.contacts c LEFT JOIN conversion ON conversion.contact_id = c.id
      WHERE c.created_at + make_interval(hours => 24 * $2::int) <= $1
        AND (conversion.t IS NULL OR conversion.t > c.created_at + make_interval(hours => 24 * $3::int))`,
    [new Date(dataEnd), QUALIFICATION_DAYS + HORIZON_DAYS, QUALIFICATION_DAYS]);
    return rows[0] ?? { labelled: 0, conversions: 0 };
  }

  /**
   * Contact ids page by page (keyset paging by id): leads old enough to label, or the open leads;
   * within `range` only (ids above `after`, up to and including `upTo`) when given.
   */
  async *contactIdPages(selection: ContactSelection, dataEnd: number, pageSize = 2000, range: ContactIdRange = FULL_RANGE): AsyncGenerator<number[]> {
    const where = selection === 'trainable' ? 'created_at <= $3' : 'lifecycle_stage = ANY($3::text[])';
    const filter = selection === 'trainable' ? new Date(dataEnd - QUALIFICATION_DAYS * DAY_MS) : OPEN_LEAD_STAGES;
    let after = range.after;
    for (;;) {
      // Ordered by the column, not the float8 alias of the same name: that would sort the whole table each page.
      const rows: { id: number }[] = await this.dataSource.query(
        `SELECT c.id::float8 AS id FROM ${this.s}.contacts c WHERE c.id > $1 AND ($4::bigint IS NULL OR c.id <= $4) AND ${where} ORDER BY c.id LIMIT $2`,
        [after, pageSize, filter, range.upTo]);
      if (rows.length === 0) return;
      yield rows.map((row) => row.id);
      after = rows[rows.length - 1]!.id;
    }
  }

  /**
   * The open leads cut into ranges of about `size` each, in id order (every `size`-th id closes a
   * range; the last one is open-ended, so leads added meanwhile are not missed).
   */
  async openLeadRanges(size: number): Promise<ContactIdRange[]> {
    const rows: { id: number }[] = await this.dataSource.query(`
      SELECT id::float8 AS id FROM (
        SELECT id, row_number() OVER (ORDER BY id) AS n FROM ${this.s}.contacts WHERE lifecycle_stage = ANY($1::text[])) open
      WHERE n % $2 = 0 ORDER BY id`, [OPEN_LEAD_STAGES, size]);
    const ranges: ContactIdRange[] = [];
    let after = FULL_RANGE.after;
    for (const { id } of rows) {
      ranges.push({ after, upTo: id });
      after = id;
    }
    ranges.push({ after, upTo: null });
    return ranges;
  }

  async countContacts(selection: ContactSelection, dataEnd: number): Promise<number> {
    const where = selection === 'trainable' ? 'created_at <= $1' : 'lifecycle_stage = ANY($1::text[])';
    const filter = selection === 'trainable' ? new Date(dataEnd - QUALIFICATION_DAYS * DAY_MS) : OPEN_LEAD_STAGES;
    const rows: { n: number }[] = await this.dataSource.query(`SELECT count(*)::int AS n FROM ${this.s}.contacts WHERE ${where}`, [filter]);
    return rows[0]!.n;
  }

  /**
   * One of a batch page's lookups, on a server with parallel plans and JIT off for it. Over tens of
   * millions of activities the planner's sample sees a fraction of the distinct contacts, expects
   * ~15x the rows per contact, and picks a JIT-compiled parallel scan of the whole table: 4-6 s a
   * page of 2,000 contacts (1,000,000 leads, 24 million activities) instead of 0.25 s by the index.
   * The embedded store (PGlite: one session, no parallel workers) is asked as it is.
   */
  private async lookup<T>(sql: string, params: unknown[]): Promise<T[]> {
    if (await isEmbeddedStore(this.dataSource)) return this.dataSource.query(sql, params);
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT set_config('max_parallel_workers_per_gather', '0', true), set_config('jit', 'off', true)`);
      return manager.query(sql, params) as Promise<T[]>;
    });
  }

  /** Snapshots of the given contacts (missing ids are skipped), in the order of `ids`. */
  async load(ids: readonly number[]): Promise<LeadSnapshot[]> {
    if (ids.length === 0) return [];
    const s = this.s;
    const q = <T>(sql: string, params: unknown[] = [ids]) =>
      ids.length >= BATCH_LOOKUP ? this.lookup<T>(sql, params) : (this.dataSource.query(sql, params) as Promise<T[]>);
    const contacts = await q<SnapshotContact>(`
      SELECT id::float8 AS id, company_id::float8 AS company_id, owner_id::float8 AS owner_id, title, seniority, is_decision_maker,
             lead_source, lifecycle_stage, ${iso('created_at')} AS created_at, custom
      FROM ${s}.contacts WHERE id = ANY($1::bigint[])`);
    const companyIds = [...new Set(contacts.flatMap((c) => (typeof c.company_id === 'number' ? [c.company_id] : [])))];
    const [companies, deals, activities, emails, meetings] = await Promise.all([
      q<SnapshotCompany>(`
        SELECT id::float8 AS id, ${iso('created_at')} AS created_at, industry, employees, annual_revenue::float8 AS annual_revenue, country, custom
        FROM ${s}.companies WHERE id = ANY($1::bigint[])`, [companyIds]),
      q<SnapshotDeal & { contact_id: number }>(`
        SELECT id::float8 AS id, contact_id::float8 AS contact_id, ${iso('created_at')} AS created_at, stage, amount::float8 AS amount, currency,
               budget_confirmed, ${iso('closed_at')} AS closed_at
        FROM ${s}.deals WHERE contact_id = ANY($1::bigint[])`),
      q<ActivityRow>(`
        SELECT contact_id::float8 AS for_contact, type, ${epochMs('occurred_at')} AS occurred_at, contact_id::float8 AS contact_id, deal_id::float8 AS deal_id,
               CASE WHEN type IN ('stage_changed', 'lifecycle_changed') THEN metadata END AS metadata
        FROM ${s}.activities WHERE contact_id = ANY($1::bigint[])
        UNION ALL
        SELECT d.contact_id::float8, a.type, ${epochMs('a.occurred_at')}, NULL, a.deal_id::float8,
               CASE WHEN a.type IN ('stage_changed', 'lifecycle_changed') THEN a.metadata END
        FROM ${s}.activities a JOIN ${s}.deals d ON d.id = a.deal_id
        WHERE d.contact_id = ANY($1::bigint[]) AND a.contact_id IS NULL`),
      q<EmailRow>(`
        SELECT contact_id::float8 AS for_contact, direction, ${epochMs('sent_at')} AS sent_at FROM ${s}.emails WHERE contact_id = ANY($1::bigint[])`),
      q<MeetingRow>(`
        SELECT member::float8 AS for_contact, ${epochMs('m.started_at')} AS started_at, m.duration_minutes
        FROM ${s}.meetings m CROSS JOIN LATERAL unnest(m.contact_ids) AS member
        WHERE m.contact_ids && $1::bigint[] AND member = ANY($1::bigint[])`),
    ]);
    const companyById = new Map(companies.map((c) => [c.id, c]));
    const parts = new Map(contacts.map((c) => [c.id, { activities: [] as SnapshotActivity[], emails: [] as SnapshotEmail[], meetings: [] as SnapshotMeeting[], deals: [] as SnapshotDeal[] }]));
    for (const deal of deals) parts.get(deal.contact_id)?.deals.push(deal);
    // Rows of plain columns are the records: cheaper on both sides than JSON built in SQL, and no copies.
    for (const row of activities) parts.get(row.for_contact)?.activities.push(row);
    for (const row of emails) parts.get(row.for_contact)?.emails.push(row);
    for (const row of meetings) parts.get(row.for_contact)?.meetings.push(row);
    const byId = new Map(contacts.map((contact) => [contact.id, {
      contact,
      company: typeof contact.company_id === 'number' ? companyById.get(contact.company_id) ?? null : null,
      ...parts.get(contact.id)!,
    } satisfies LeadSnapshot]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }
}
