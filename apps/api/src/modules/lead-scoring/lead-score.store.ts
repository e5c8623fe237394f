import type { LeadListItem, LeadListPage, LeadScore, LeadSortKey, SortOrder } from '@hub/contracts';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { finished } from 'node:stream/promises';
import type { DataSource } from 'typeorm';
import { hubSchemaOf } from '../../core/database/hub-schema';
import { isEmbeddedStore } from '../../core/database/store-kind';
import { OPEN_LEAD_STAGES } from './lead-snapshot.loader';

export interface LeadListQuery {
  page: number;
  pageSize: number;
  minScore?: number;
  ownerId?: number;
  stage?: string;
  sort?: LeadSortKey;
  order?: SortOrder;
}

/** SQL of each sort key over the `open_leads l` / `companies co` rows (fixed strings: never user text). */
const SORT_COLUMNS: Record<LeadSortKey, string> = {
  score: 'l.probability', percentile: 'l.probability', confidence: 'l.confidence',
  name: `lower(trim(l.first_name || ' ' || l.last_name))`, company: 'lower(co.name)',
};

const ROWS_PER_STATEMENT = 1000;
/** Batches of at least this many scores are written through COPY (on a server). */
const COPY_FROM_ROWS = 200;

/** COPY text of one field (tabs, newlines and backslashes escaped; the numbers and fixed words need none). */
const copyText = (text: string) => (/[\\\t\n\r]/.test(text) ? text.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r') : text);

const SCORE_COLUMNS = 'contact_id, score, probability, confidence, confidence_level, factors, base_logit, recommendation, method, model_version, as_of';

/** The current score of each contact (one row per contact, replaced on every rescore). */
export class LeadScoreStore {
  private readonly s: string;

  constructor(private readonly dataSource: DataSource) {
    this.s = hubSchemaOf(dataSource);
  }

  /** Writes scores, a thousand rows a statement, as one JSON document each (no per-row round trips). */
  async upsert(scores: readonly LeadScore[], scoredAt: Date): Promise<void> {
    for (let start = 0; start < scores.length; start += ROWS_PER_STATEMENT) {
      const rows = scores.slice(start, start + ROWS_PER_STATEMENT).map((score) => ({
        contact_id: score.contact_id, score: score.score, probability: score.probability, confidence: score.confidence,
        confidence_level: score.confidence_level, factors: score.factors, base_logit: score.base_logit,
        recommendation: score.recommendation, method: score.method, model_version: score.model_version, as_of: score.as_of,
      }));
      await this.dataSource.query(`
        INSERT INTO ${this.s}.lead_scores (contact_id, score, probability, confidence, confidence_level, factors, base_logit,
                                          recommendation, method, model_version, as_of, scored_at)
        SELECT contact_id, score, probability, confidence, confidence_level, factors, base_logit, recommendation, method, model_version, as_of, $2
        FROM json_to_recordset($1::json) AS x(contact_id bigint, score smallint, probability float8, confidence float8, confidence_level text,
                                              factors jsonb, base_logit float8, recommendation text, method text, model_version text, as_of timestamptz)
        ON CONFLICT (contact_id) DO UPDATE SET score = excluded.score, probability = excluded.probability, confidence = excluded.confidence,
          confidence_level = excluded.confidence_level, factors = excluded.factors, base_logit = excluded.base_logit,
          recommendation = excluded.recommendation, method = excluded.method, model_version = excluded.model_version,
          as_of = excluded.as_of, scored_at = excluded.scored_at`,
      [JSON.stringify(rows), scoredAt]);
    }
  }

  /**
   * Writes a batch rescore's page of scores. On a PostgreSQL server: COPY into a temporary table, then
   * one upsert from it, in one transaction. PostgreSQL parses COPY's factors text into JSONB about
   * twice as fast as it takes them out of one JSON document (json_to_recordset into a jsonb column
   * is slower still). The embedded store, without COPY FROM STDIN, takes `upsert`.
   */
  async upsertBatch(scores: readonly LeadScore[], scoredAt: Date): Promise<void> {
    if (scores.length === 0) return;
    // A few scores (an import's rescore) go in one statement: COPY's extra round trips would cost more.
    if (scores.length < COPY_FROM_ROWS || (await isEmbeddedStore(this.dataSource))) {
      await this.upsert(scores, scoredAt);
      return;
    }
    // One flat string by join (appending would make a rope that is flattened again on its way out).
    const lines = scores.map((score) =>
      `${score.contact_id}\t${score.score}\t${score.probability}\t${score.confidence}\t${score.confidence_level}\t${copyText(JSON.stringify(score.factors))}\t` +
        `${score.base_logit}\t${copyText(score.recommendation)}\t${score.method}\t${copyText(score.model_version)}\t${score.as_of}\n`);
    const runner = this.dataSource.createQueryRunner();
    const client = (await runner.connect()) as PoolClient;
    try {
      await runner.startTransaction();
      await runner.query(`
        CREATE TEMP TABLE IF NOT EXISTS lead_scores_incoming (contact_id bigint, score smallint, probability float8, confidence float8,
          confidence_level text, factors jsonb, base_logit float8, recommendation text, method text, model_version text, as_of timestamptz)
        ON COMMIT DELETE ROWS`);
      const copy = client.query(copyFrom(`COPY pg_temp.lead_scores_incoming (${SCORE_COLUMNS}) FROM STDIN`));
      copy.end(lines.join(''));
      await finished(copy);
      await runner.query(`
        INSERT INTO ${this.s}.lead_scores (${SCORE_COLUMNS}, scored_at) SELECT ${SCORE_COLUMNS}, $1 FROM pg_temp.lead_scores_incoming
        ON CONFLICT (contact_id) DO UPDATE SET score = excluded.score, probability = excluded.probability, confidence = excluded.confidence,
          confidence_level = excluded.confidence_level, factors = excluded.factors, base_logit = excluded.base_logit,
          recommendation = excluded.recommendation, method = excluded.method, model_version = excluded.model_version,
          as_of = excluded.as_of, scored_at = excluded.scored_at`, [scoredAt]);
      await runner.commitTransaction();
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  }

  /** A contact's stored score with every factor; `contact: false` when no such contact exists, `score: null` when it has none. */
  async stored(contactId: number): Promise<{ contact: boolean; score: (LeadScore & { scored_at: string }) | null }> {
    const rows: { has_score: boolean; score: number; probability: number; confidence: number; confidence_level: LeadScore['confidence_level'];
      factors: LeadScore['factors']; base_logit: number; recommendation: string; method: LeadScore['method']; model_version: string;
      as_of: Date; scored_at: Date }[] = await this.dataSource.query(`
      SELECT ls.contact_id IS NOT NULL AS has_score, ls.score, ls.probability, ls.confidence, ls.confidence_level, ls.factors, ls.base_logit,
             ls.recommendation, ls.method, ls.model_version, ls.as_of, ls.scored_at
      FROM ${this.s}.contacts c LEFT JOIN ${this.s}.lead_scores ls ON ls.contact_id = c.id WHERE c.id = $1`, [contactId]);
    const row = rows[0];
    if (!row) return { contact: false, score: null };
    if (!row.has_score) return { contact: true, score: null };
    const { has_score: _, as_of, scored_at, ...rest } = row;
    return { contact: true, score: { contact_id: contactId, ...rest, as_of: as_of.toISOString(), scored_at: scored_at.toISOString() } };
  }

  /** The stored score of an existing contact, with when it was computed; undefined when none. */
  async current(contactId: number): Promise<{ score: LeadScore; scoredAt: Date } | undefined> {
    const { score } = await this.stored(contactId);
    if (!score) return undefined;
    const { scored_at, ...rest } = score;
    return { score: rest, scoredAt: new Date(scored_at) };
  }

  /** The open leads' stored probabilities, ascending (for percentiles in memory). */
  async openLeadProbabilities(): Promise<Float64Array> {
    const rows: { p: number[] | null }[] = await this.dataSource.query(`
      SELECT array_agg(ls.probability ORDER BY ls.probability) AS p
      FROM ${this.s}.lead_scores ls JOIN ${this.s}.contacts c ON c.id = ls.contact_id
      WHERE c.lifecycle_stage = ANY($1::text[])`, [OPEN_LEAD_STAGES]);
    return Float64Array.from(rows[0]?.p ?? []);
  }

  /** Open leads, by score best first unless sorted otherwise, with their percentile among all open leads. */
  async list(query: LeadListQuery): Promise<LeadListPage> {
    const s = this.s;
    const params: unknown[] = [query.stage ? [query.stage] : OPEN_LEAD_STAGES];
    const filters: string[] = [];
    if (query.minScore !== undefined) filters.push(`l.score >= $${params.push(query.minScore)}`);
    if (query.ownerId !== undefined) filters.push(`l.owner_id = $${params.push(query.ownerId)}`);
    const where = filters.length > 0 ? `WHERE ${filters.join(' AND ')}` : '';
    // Percentiles rank every open lead, whatever the page's filters.
    const openLeads = `
      WITH open_leads AS (
        SELECT ls.*, c.first_name, c.last_name, c.email, c.company_id, c.owner_id, c.lifecycle_stage,
               -- The share of open leads strictly below, as score-lead and GET /api/leads/:id give it.
               (rank() OVER (ORDER BY ls.probability) - 1)::float8 / count(*) OVER () AS percentile
        FROM ${s}.lead_scores ls JOIN ${s}.contacts c ON c.id = ls.contact_id
        WHERE c.lifecycle_stage = ANY($1::text[]))`;
    const [{ total }] = await this.dataSource.query(`${openLeads} SELECT count(*)::int AS total FROM open_leads l ${where}`, params);
    const limit = params.push(query.pageSize);
    const offset = params.push((query.page - 1) * query.pageSize);
    const rows: (Omit<LeadListItem, 'top_factors' | 'as_of' | 'scored_at'> & { factors: LeadScore['factors']; as_of: Date; scored_at: Date })[] =
      await this.dataSource.query(`${openLeads}
        SELECT l.contact_id::float8 AS contact_id, trim(l.first_name || ' ' || l.last_name) AS name, l.email,
               l.company_id::float8 AS company_id, co.name AS company_name, l.owner_id::float8 AS owner_id, l.lifecycle_stage,
               l.score, l.probability, l.percentile, l.confidence, l.recommendation, l.factors, l.method, l.model_version,
               l.as_of, l.scored_at
        FROM open_leads l LEFT JOIN ${s}.companies co ON co.id = l.company_id
        ${where}
        ORDER BY ${SORT_COLUMNS[query.sort ?? 'score']} ${query.order === 'asc' ? 'ASC' : 'DESC'} NULLS LAST, l.contact_id
        LIMIT $${limit} OFFSET $${offset}`, params);
    return {
      items: rows.map(({ factors, as_of, scored_at, ...row }) => ({
        ...row,
        top_factors: factors.slice(0, 3).map((f) => f.label),
        as_of: as_of.toISOString(),
        scored_at: scored_at.toISOString(),
      })),
      total,
      page: query.page,
      page_size: query.pageSize,
    };
  }
}
