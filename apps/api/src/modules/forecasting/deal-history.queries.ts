import { OUTCOME_HORIZON_DAYS, type DealSnapshot } from '@hub/deal-win';
import type { SnapshotActivity } from '@hub/lead-scoring';
import type { DataSource } from 'typeorm';
import { hubSchemaOf } from '../../core/database/hub-schema';

const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * Every deal with only what a deal's context reads (owner win rates, amount norms, stage win rates):
 * the deal's own fields, its company's size and its stage history. One live prediction needs the
 * context of every other deal, and this is far lighter than full snapshots.
 */
export async function contextSnapshots(dataSource: DataSource): Promise<DealSnapshot[]> {
  const s = hubSchemaOf(dataSource);
  const [deals, stages] = await Promise.all([
    dataSource.query(`
      SELECT d.id::float8 AS id, d.owner_id::float8 AS owner_id, d.company_id::float8 AS company_id, d.amount::float8 AS amount, d.currency,
             d.stage, ${iso('d.created_at')} AS created_at, ${iso('d.closed_at')} AS closed_at, c.employees
      FROM ${s}.deals d LEFT JOIN ${s}.companies c ON c.id = d.company_id`) as Promise<
      (DealSnapshot['deal'] & { id: number; owner_id: number | null; company_id: number | null; employees: number | null })[]>,
    dataSource.query(`
      SELECT deal_id::float8 AS deal_id, json_build_object('id', id, 'type', type, 'occurred_at', ${iso('occurred_at')}, 'deal_id', deal_id,
             'metadata', metadata - 'text') AS record
      FROM ${s}.activities WHERE type = 'stage_changed' AND deal_id IS NOT NULL`) as Promise<{ deal_id: number; record: SnapshotActivity }[]>,
  ]);
  const history = new Map<number, SnapshotActivity[]>();
  for (const row of stages) history.set(row.deal_id, [...(history.get(row.deal_id) ?? []), row.record]);
  return deals.map(({ employees, ...deal }) => ({
    deal,
    company: deal.company_id === null ? null : ({ id: deal.company_id, employees } as DealSnapshot['company']),
    contacts: [], lead: null, activities: history.get(deal.id) ?? [], emails: [], meetings: [],
    owner: deal.owner_id === null ? null : { id: deal.owner_id },
  }));
}

/**
 * Closed deals a training would label, and the wins among them, counted in SQL as `labelDeal` and
 * `sampleMoments` do: created at least the outcome horizon before the data's end, closed by then,
 * open for at least two hours.
 */
export async function labelledDealCounts(dataSource: DataSource, dataEnd: number): Promise<{ closedDeals: number; wins: number }> {
  const s = hubSchemaOf(dataSource);
  const [row] = await dataSource.query(`
    SELECT count(*)::int AS closed, count(*) FILTER (WHERE stage = 'closed_won')::int AS wins FROM ${s}.deals
    WHERE stage IN ('closed_won', 'closed_lost') AND created_at <= $1::timestamptz - make_interval(days => $2)
      AND closed_at IS NOT NULL AND closed_at <= $1::timestamptz AND closed_at - created_at >= interval '2 hours'`,
  [new Date(dataEnd).toISOString(), OUTCOME_HORIZON_DAYS]);
  return { closedDeals: row.closed, wins: row.wins };
}

export interface SubscriptionRow {
  company_id: number;
  product: string;
  mrr: number;
  currency: string;
  started_at: number;
  ended_at: number | null;
}

/** Every subscription (times as epoch ms). */
export async function subscriptionRows(dataSource: DataSource): Promise<SubscriptionRow[]> {
  const s = hubSchemaOf(dataSource);
  return dataSource.query(`
    SELECT company_id::float8 AS company_id, product, mrr::float8 AS mrr, currency,
           (extract(epoch FROM started_at) * 1000)::float8 AS started_at, (extract(epoch FROM ended_at) * 1000)::float8 AS ended_at
    FROM ${s}.subscriptions`);
}

