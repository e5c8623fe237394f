import { serializeBundleRecord } from '@hub/bundle';
import type { RecordType } from '@hub/contracts';

const DAY = 86_400_000;
const START = Date.UTC(2024, 0, 1);
const time = (offset: number) => new Date(START + offset).toISOString();
const ACTIVITY_TYPES = ['email_sent', 'email_opened', 'email_clicked', 'call', 'meeting', 'website_visit', 'note'] as const;
const STAGES = ['prospecting', 'qualification', 'proposal', 'negotiation', 'closed_won', 'closed_lost'] as const;

/** Sizes of the benchmark bundle: exactly `total` lines, shaped like a CRM (mostly activities). */
export function benchmarkShape(total: number) {
  const users = 100;
  const companies = Math.round(total * 0.02);
  const contacts = Math.round(total * 0.1);
  const deals = Math.round(total * 0.03);
  return { users, companies, contacts, deals, activities: total - users - companies - contacts - deals };
}

/** A deterministic CRM bundle of `total` lines, parents first, as (type, data) records. */
export function* benchmarkRecords(total: number): Generator<{ type: RecordType; data: Record<string, unknown> }> {
  const shape = benchmarkShape(total);
  for (let id = 1; id <= shape.users; id++) {
    yield { type: 'user', data: { id, name: `Rep ${id}`, email: `rep${id}@bench.test`, role: 'rep', team: `Team ${id % 5}` } };
  }
  for (let id = 1; id <= shape.companies; id++) {
    yield {
      type: 'company',
      data: { id, name: `Company ${id}`, domain: `c${id}.test`, industry: 'Software', employees: 10 + (id % 900), country: 'DE', created_at: time(id * 1000), custom: { tier: id % 3 === 0 ? 'gold' : 'silver' } },
    };
  }
  for (let id = 1; id <= shape.contacts; id++) {
    yield {
      type: 'contact',
      data: {
        id, company_id: 1 + (id % shape.companies), owner_id: 1 + (id % shape.users), first_name: 'Alex', last_name: `Person${id}`,
        email: `p${id}@bench.test`, title: 'Head of Operations', seniority: 'director', is_decision_maker: id % 4 === 0,
        lead_source: 'inbound', lifecycle_stage: 'lead', created_at: time(DAY + id * 500), custom: { fit: id % 10 },
      },
    };
  }
  for (let id = 1; id <= shape.deals; id++) {
    yield {
      type: 'deal',
      data: {
        id, name: `Deal ${id}`, company_id: 1 + (id % shape.companies), contact_id: 1 + (id % shape.contacts), owner_id: 1 + (id % shape.users),
        amount: 1000 + (id % 97) * 250, currency: 'EUR', stage: STAGES[id % STAGES.length], expected_close_date: '2025-06-30',
        created_at: time(2 * DAY + id * 700), products: ['CORE'],
      },
    };
  }
  for (let id = 1; id <= shape.activities; id++) {
    yield {
      type: 'activity',
      data: {
        id, type: ACTIVITY_TYPES[id % ACTIVITY_TYPES.length], contact_id: 1 + (id % shape.contacts),
        deal_id: id % 3 === 0 ? 1 + (id % shape.deals) : null, user_id: 1 + (id % shape.users),
        occurred_at: time(3 * DAY + id * 60_000), metadata: id % 5 === 0 ? { campaign: 'spring' } : null,
      },
    };
  }
}

export function* benchmarkLines(total: number): Generator<string> {
  for (const record of benchmarkRecords(total)) yield serializeBundleRecord(record.type, record.data);
}
