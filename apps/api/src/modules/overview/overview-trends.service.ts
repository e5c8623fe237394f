import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { OVERVIEW_TREND_MONTHS, type OverviewTrendsView, type TrendMonthView } from '@hub/contracts';
import type { DataSource } from 'typeorm';
import { hubSchemaOf } from '../../core/database/hub-schema';
import { LeadSnapshotLoader } from '../lead-scoring/lead-snapshot.loader';
import { monthStartUtc } from './overview.service';

/**
 * The Overview's monthly trends: new leads, deals won and lost, win rate and won amount per currency,
 * for the twelve UTC months ending with the data's last (measured from the data's end, not the clock,
 * so an imported history reads as it did). Two grouped queries over index range scans.
 */
@Injectable()
export class OverviewTrendsService {
  private readonly s: string;
  private readonly loader: LeadSnapshotLoader;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.s = hubSchemaOf(dataSource);
    this.loader = new LeadSnapshotLoader(dataSource);
  }

  async trends(): Promise<OverviewTrendsView> {
    const asOf = await this.loader.dataEnd();
    const starts = Array.from({ length: OVERVIEW_TREND_MONTHS }, (_, i) => monthStartUtc(asOf, i - OVERVIEW_TREND_MONTHS + 1));
    const end = new Date(asOf);
    // width_bucket over the month starts: bucket i (1-based) is the month starting at starts[i - 1].
    const [leads, deals] = await Promise.all([
      this.dataSource.query(`
        SELECT width_bucket(created_at, $1::timestamptz[]) AS bucket, count(*)::int AS n
        FROM ${this.s}.contacts WHERE created_at >= $2 AND created_at <= $3 GROUP BY 1`, [starts, starts[0], end]) as Promise<{ bucket: number; n: number }[]>,
      // Amounts summed as numeric and sent as text: no float rounding across many deals.
      this.dataSource.query(`
        SELECT width_bucket(closed_at, $1::timestamptz[]) AS bucket, currency,
               count(*) FILTER (WHERE stage = 'closed_won')::int AS won, count(*) FILTER (WHERE stage = 'closed_lost')::int AS lost,
               coalesce(sum(amount) FILTER (WHERE stage = 'closed_won'), 0)::text AS won_amount
        FROM ${this.s}.deals WHERE closed_at >= $2 AND closed_at <= $3 AND stage IN ('closed_won', 'closed_lost')
        GROUP BY 1, 2`, [starts, starts[0], end]) as Promise<{ bucket: number; currency: string; won: number; lost: number; won_amount: string }[]>,
    ]);
    const months: TrendMonthView[] = starts.map((start) => ({ month: start.toISOString(), newLeads: 0, won: 0, lost: 0, winRate: null, wonAmount: [] }));
    for (const row of leads) months[row.bucket - 1]!.newLeads = row.n;
    const totals = new Map<string, number>();
    for (const row of deals) {
      const month = months[row.bucket - 1]!;
      month.won += row.won;
      month.lost += row.lost;
      const amount = Number(row.won_amount);
      if (row.won > 0) {
        month.wonAmount.push({ currency: row.currency, amount });
        totals.set(row.currency, (totals.get(row.currency) ?? 0) + amount);
      }
    }
    for (const month of months) {
      month.winRate = month.won + month.lost === 0 ? null : month.won / (month.won + month.lost);
      month.wonAmount.sort((a, b) => b.amount - a.amount || a.currency.localeCompare(b.currency));
    }
    const currencies = [...totals].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([currency]) => currency);
    return { asOf: end.toISOString(), months, currencies };
  }
}
