import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { OPEN_DEAL_STAGES, type OverviewView, type ScoreBinView, type TopLeadView } from '@hub/contracts';
import type { DataSource } from 'typeorm';
import { hubSchemaOf } from '../../core/database/hub-schema';
import { LeadSnapshotLoader, OPEN_LEAD_STAGES } from '../lead-scoring/lead-snapshot.loader';

const DAY_MS = 86_400_000;
const WIN_RATE_DAYS = 90;
const TOP_LEADS = 5;

/** First instant of the UTC calendar month holding `at`, shifted by `months`. */
export function monthStartUtc(at: number, months = 0): Date {
  const date = new Date(at);
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1));
}

/**
 * The Overview's KPIs, read-only, straight from the store. Windows are measured back from the data's
 * end (its latest event), so an imported history reads as it did when it was current.
 */
@Injectable()
export class OverviewService {
  private readonly s: string;
  private readonly loader: LeadSnapshotLoader;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.s = hubSchemaOf(dataSource);
    this.loader = new LeadSnapshotLoader(dataSource);
  }

  async overview(): Promise<OverviewView> {
    const asOf = await this.loader.dataEnd();
    const [openPipeline, winRate90d, newLeads, topLeads, distribution] = await Promise.all([
      this.openPipeline(), this.winRate(asOf), this.newLeads(asOf), this.topLeads(), this.scoreDistribution(),
    ]);
    return {
      asOf: new Date(asOf).toISOString(),
      openPipeline,
      winRate90d,
      newLeads,
      topLeads,
      leadScoreDistribution: distribution,
      scoredLeads: distribution.reduce((sum, bin) => sum + bin.count, 0),
      // The forecast is a job's result with its own answers (no run yet, not enough history): it is read from there.
      expectedRevenueThisQuarter: { available: false, capability: 'Sales forecasting', reason: 'Read it from GET /api/forecast (this quarter\'s expected revenue with P10-P90).' },
      atRiskAccounts: { available: false, capability: 'Customer insights', reason: 'Churn risk per account comes with the customer-insights capability, which has not landed yet; no number is shown until it does.' },
    };
  }

  private async openPipeline(): Promise<OverviewView['openPipeline']> {
    // Summed as numeric in SQL and sent as text: no float rounding across thousands of deals.
    const rows: { currency: string; amount: string; deals: number }[] = await this.dataSource.query(`
      SELECT currency, sum(amount)::text AS amount, count(*)::int AS deals FROM ${this.s}.deals
      WHERE stage = ANY($1::text[]) GROUP BY currency ORDER BY sum(amount) DESC, currency`, [[...OPEN_DEAL_STAGES]]);
    return rows.map((row) => ({ currency: row.currency, amount: Number(row.amount), deals: row.deals }));
  }

  private async winRate(asOf: number): Promise<OverviewView['winRate90d']> {
    const from = new Date(asOf - WIN_RATE_DAYS * DAY_MS);
    const to = new Date(asOf);
    const [row]: { won: number; lost: number }[] = await this.dataSource.query(`
      SELECT count(*) FILTER (WHERE stage = 'closed_won')::int AS won, count(*) FILTER (WHERE stage = 'closed_lost')::int AS lost
      FROM ${this.s}.deals WHERE closed_at > $1 AND closed_at <= $2`, [from, to]);
    const { won, lost } = row!;
    return { won, lost, rate: won + lost === 0 ? null : won / (won + lost), from: from.toISOString(), to: to.toISOString() };
  }

  private async newLeads(asOf: number): Promise<OverviewView['newLeads']> {
    const monthStart = monthStartUtc(asOf);
    const lastMonthStart = monthStartUtc(asOf, -1);
    const [row]: { this_month: number; last_month: number }[] = await this.dataSource.query(`
      SELECT count(*) FILTER (WHERE created_at >= $2)::int AS this_month, count(*) FILTER (WHERE created_at < $2)::int AS last_month
      FROM ${this.s}.contacts WHERE created_at >= $1 AND created_at <= $3`, [lastMonthStart, monthStart, new Date(asOf)]);
    return { thisMonth: row!.this_month, lastMonth: row!.last_month, monthStart: monthStart.toISOString(), lastMonthStart: lastMonthStart.toISOString() };
  }

  private async topLeads(): Promise<TopLeadView[]> {
    const rows: { contact_id: string; name: string; company_name: string | null; score: number; recommendation: string; model_version: string }[] =
      await this.dataSource.query(`
        SELECT ls.contact_id::text AS contact_id, trim(c.first_name || ' ' || c.last_name) AS name, co.name AS company_name,
               ls.score, ls.recommendation, ls.model_version
        FROM ${this.s}.lead_scores ls JOIN ${this.s}.contacts c ON c.id = ls.contact_id
        LEFT JOIN ${this.s}.companies co ON co.id = c.company_id
        WHERE c.lifecycle_stage = ANY($1::text[]) ORDER BY ls.probability DESC, ls.contact_id LIMIT ${TOP_LEADS}`, [OPEN_LEAD_STAGES]);
    return rows.map((row) => ({
      contactId: Number(row.contact_id), name: row.name, companyName: row.company_name, score: row.score,
      recommendation: row.recommendation, modelVersion: row.model_version,
    }));
  }

  private async scoreDistribution(): Promise<ScoreBinView[]> {
    const rows: { bin: number; count: number }[] = await this.dataSource.query(`
      SELECT least(ls.score / 10, 9)::int AS bin, count(*)::int AS count
      FROM ${this.s}.lead_scores ls JOIN ${this.s}.contacts c ON c.id = ls.contact_id
      WHERE c.lifecycle_stage = ANY($1::text[]) GROUP BY 1`, [OPEN_LEAD_STAGES]);
    const counts = new Map(rows.map((row) => [row.bin, row.count]));
    return Array.from({ length: 10 }, (_, bin) => ({ lower: bin * 10, upper: bin === 9 ? 100 : bin * 10 + 10, count: counts.get(bin) ?? 0 }));
  }
}
