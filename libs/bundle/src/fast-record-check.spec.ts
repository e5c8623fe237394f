import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { RECORD_SCHEMAS, type RecordType } from '@hub/contracts';
import { fastCheckOf } from './fast-record-check';

const time = '2024-01-02T03:04:05.678Z';
/** One valid record of each type, with every optional field set. */
const VALID: Record<RecordType, Record<string, unknown>> = {
  user: { id: 1, name: 'Rep', email: 'r@x.test', role: 'rep', team: 'SMB' },
  company: { id: 2, name: 'Acme', domain: 'acme.test', industry: 'Software', employees: 50, annual_revenue: 1.5e6, country: 'DE', created_at: time, custom: { tier: 'gold', n: 2, ok: true, none: null } },
  product: { code: 'CORE', name: 'Core', family: 'Base', list_price: 9.99, currency: 'EUR' },
  contact: {
    id: 3, company_id: 2, owner_id: 1, first_name: 'Ada', last_name: 'L', email: 'a@x.test', phone: '+49', title: 'CTO', seniority: 'c_level',
    is_decision_maker: true, lead_source: 'inbound', lifecycle_stage: 'lead', created_at: time, updated_at: '2024-01-02T05:04:05+02:00', custom: {},
  },
  deal: {
    id: 4, name: 'Big', company_id: 2, contact_id: 3, owner_id: 1, amount: 1000, currency: 'EUR', stage: 'prospecting', budget_confirmed: false,
    created_at: time, closed_at: null, lost_reason: null, products: ['CORE'], custom: { a: 'b' },
  },
  activity: { id: 5, type: 'call', contact_id: 3, deal_id: 4, user_id: 1, occurred_at: time, metadata: { nested: { deep: [1, 2] } } },
  email: { id: 6, direction: 'inbound', contact_id: 3, deal_id: 4, subject: 'Hi', body: 'Hello', sent_at: time, thread_id: 7 },
  meeting: { id: 7, title: 'Intro', deal_id: 4, contact_ids: [3, 8], user_id: 1, started_at: time, duration_minutes: 30, notes: 'A: hi' },
  subscription: { id: 8, company_id: 2, product: 'CORE', mrr: 99.5, currency: 'EUR', started_at: time, ended_at: null },
  ticket: { id: 9, company_id: 2, contact_id: 3, subject: 'Broken', priority: 'urgent', status: 'open', created_at: time, solved_at: time },
};

/** Values that break one field or another: wrong types, bounds, formats, shapes. */
const ODD_VALUES: unknown[] = [
  undefined, null, 0, -1, 1.5, 2 ** 53, Number.POSITIVE_INFINITY, Number.NaN, '', 'x', 'x'.repeat(600), '1', true, [], [1], ['CORE', ''], {}, { k: [] }, { '': 1 },
  JSON.parse('{"__proto__": {"polluted": 1}}'), '2024-01-02', '2024-01-02T03:04:05', '2024-02-30T00:00:00Z', 'eur', 'lead ', 'c_level',
  '2024-01-02T03:04:05.678+25:00', 'yesterday',
];

describe('fastCheckOf: a quick yes only where zod says yes with the same value', () => {
  it.each(Object.keys(VALID) as RecordType[])('%s', (type) => {
    const schema = RECORD_SCHEMAS[type];
    const fast = fastCheckOf(schema);
    const base = VALID[type];
    expect(schema.safeParse(base).success).toBe(true);
    expect(fast(base)).toBe(true); // the common case takes the quick path
    const variants: unknown[] = [null, [], 'x', { ...base, extra: 1 }];
    for (const field of Object.keys(base)) {
      const { [field]: _dropped, ...without } = base;
      variants.push(without);
      for (const value of ODD_VALUES) variants.push({ ...base, [field]: value });
    }
    let quick = 0;
    for (const variant of variants) {
      if (!fast(variant)) continue;
      quick += 1;
      const parsed = schema.safeParse(variant);
      expect(parsed.success, JSON.stringify(variant)).toBe(true);
      expect(isDeepStrictEqual(parsed.data, variant), JSON.stringify(variant)).toBe(true);
    }
    expect(quick).toBeGreaterThan(0);
  });

  it('leaves values zod transforms to zod (a deal closing on a date)', () => {
    const deal = { ...VALID.deal, expected_close_date: '2024-05-01T23:30:00-05:00' };
    expect(fastCheckOf(RECORD_SCHEMAS.deal)(deal)).toBe(false);
    expect(RECORD_SCHEMAS.deal.parse(deal).expected_close_date).toBe('2024-05-01');
  });
});
