import {
  type EmbedActivity, type EmbedCompany, type EmbedContact, type EmbedDeal, type EmbedLeadScore, OPEN_DEAL_STAGES,
} from '@hub/contracts';
import type { DataSource } from 'typeorm';
import { hubSchemaOf } from '../../core/database/hub-schema';

const LIST_LIMIT = 10;

const CONTACT = `c.id::float8 AS id, trim(c.first_name || ' ' || c.last_name) AS name, c.email, c.phone, c.title, c.seniority,
  c.is_decision_maker, c.lead_source, c.lifecycle_stage, c.company_id::float8 AS company_id, c.created_at`;
const COMPANY = `co.id::float8 AS id, co.name, co.domain, co.industry, co.employees, co.annual_revenue::float8 AS annual_revenue, co.country`;
const DEAL = `d.id::float8 AS id, d.name, d.amount::float8 AS amount, d.currency, d.stage, d.expected_close_date::text AS expected_close_date,
  d.budget_confirmed, d.contact_id::float8 AS contact_id, d.company_id::float8 AS company_id, d.created_at, d.closed_at`;
const ACTIVITY = `a.id::float8 AS id, a.type, a.occurred_at, a.contact_id::float8 AS contact_id, a.deal_id::float8 AS deal_id`;

type Row = Record<string, unknown>;

/** Times as ISO strings; everything else as the driver gave it (numbers are cast to float8 in SQL). */
function plain<T>(row: Row): T {
  const out: Row = {};
  for (const [key, value] of Object.entries(row)) out[key] = value instanceof Date ? value.toISOString() : value;
  return out as T;
}

/** Where the open deals and the activities of a record are found. */
export interface Around {
  contactId: number | null;
  companyId: number | null;
  dealId: number | null;
}

/** The plain SQL behind the embed panel: one record and what surrounds it, small lists only. */
export class EmbedFactsLoader {
  private readonly s: string;

  constructor(private readonly dataSource: DataSource) {
    this.s = hubSchemaOf(dataSource);
  }

  async contact(id: number): Promise<(EmbedContact & { company_id: number | null }) | undefined> {
    const rows: Row[] = await this.dataSource.query(`SELECT ${CONTACT} FROM ${this.s}.contacts c WHERE c.id = $1`, [id]);
    return rows[0] && plain(rows[0]);
  }

  async company(id: number): Promise<EmbedCompany | undefined> {
    const rows: Row[] = await this.dataSource.query(`SELECT ${COMPANY} FROM ${this.s}.companies co WHERE co.id = $1`, [id]);
    return rows[0] && plain(rows[0]);
  }

  async deal(id: number): Promise<EmbedDeal | undefined> {
    const rows: Row[] = await this.dataSource.query(`SELECT ${DEAL} FROM ${this.s}.deals d WHERE d.id = $1`, [id]);
    return rows[0] && plain(rows[0]);
  }

  /** Open deals of the contact (else the company), newest first, leaving out the deal in view. */
  async openDeals(around: Around): Promise<{ deals: EmbedDeal[]; total: number }> {
    const [column, owner] = around.contactId !== null ? ['contact_id', around.contactId] : ['company_id', around.companyId];
    if (owner === null) return { deals: [], total: 0 };
    const where = `d.${column} = $1 AND d.stage = ANY($2::text[]) AND d.id <> $3`;
    const params = [owner, OPEN_DEAL_STAGES, around.dealId ?? 0];
    const [rows, [{ total }]] = await Promise.all([
      this.dataSource.query(`SELECT ${DEAL} FROM ${this.s}.deals d WHERE ${where} ORDER BY d.created_at DESC, d.id DESC LIMIT ${LIST_LIMIT}`, params),
      this.dataSource.query(`SELECT count(*)::int AS total FROM ${this.s}.deals d WHERE ${where}`, params),
    ]);
    return { deals: (rows as Row[]).map((row) => plain<EmbedDeal>(row)), total };
  }

  /** Latest activities of the deal and its contact, of the contact, or of the company's contacts. */
  async recentActivities(around: Around): Promise<EmbedActivity[]> {
    let where: string;
    let params: unknown[];
    if (around.dealId !== null) [where, params] = ['a.deal_id = $1 OR a.contact_id = $2', [around.dealId, around.contactId ?? 0]];
    else if (around.contactId !== null) [where, params] = ['a.contact_id = $1', [around.contactId]];
    else [where, params] = [`a.contact_id IN (SELECT id FROM ${this.s}.contacts WHERE company_id = $1)`, [around.companyId ?? 0]];
    const rows: Row[] = await this.dataSource.query(
      `SELECT ${ACTIVITY} FROM ${this.s}.activities a WHERE ${where} ORDER BY a.occurred_at DESC, a.id DESC LIMIT ${LIST_LIMIT}`, params);
    return rows.map((row) => plain<EmbedActivity>(row));
  }

  async companyContactsTotal(companyId: number): Promise<number> {
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total FROM ${this.s}.contacts WHERE company_id = $1`, [companyId]);
    return total;
  }

  /** The contact's stored score, if it has been scored. */
  async storedScore(contactId: number): Promise<EmbedLeadScore | undefined> {
    const rows: Row[] = await this.dataSource.query(`
      SELECT contact_id::float8 AS contact_id, score, probability, confidence_level, recommendation, factors, method, model_version, scored_at
      FROM ${this.s}.lead_scores WHERE contact_id = $1`, [contactId]);
    return rows[0] && plain(rows[0]);
  }
}
