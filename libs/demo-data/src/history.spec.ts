import { DEAL_STAGES, OPEN_DEAL_STAGES } from '@hub/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { collectDemo, time, type DemoBundle } from './test/demo-bundle';

type Row = Record<string, unknown>;
let bundle: DemoBundle;
const byTime = (a: Row, b: Row) => time(a['occurred_at']) - time(b['occurred_at']) || (a['id'] as number) - (b['id'] as number);
const meta = (row: Row) => row['metadata'] as Row;

beforeAll(() => {
  bundle = collectDemo({ size: 'small', seed: 21 });
});

describe('point-in-time history', () => {
  it('stage_changed history is a valid path from creation to the deal\'s current stage', () => {
    const open = OPEN_DEAL_STAGES as readonly string[];
    let closedWon = 0;
    let closedLost = 0;
    let stillOpen = 0;
    for (const deal of bundle.ofType('deal')) {
      const moves = bundle.activitiesOfDeal(deal['id'] as number).filter((a) => a['type'] === 'stage_changed').sort(byTime);
      expect(meta(moves[0] as Row)).toEqual({ from: null, to: 'prospecting' });
      expect((moves[0] as Row)['occurred_at']).toBe(deal['created_at']);
      for (let i = 1; i < moves.length; i += 1) {
        const { from, to } = meta(moves[i] as Row) as { from: string; to: string };
        expect(from).toBe(meta(moves[i - 1] as Row)['to']);
        expect(open).toContain(from);
        if (to === 'closed_won') expect(from).toBe('negotiation');
        else if (to !== 'closed_lost') expect(open.indexOf(to)).toBe(open.indexOf(from) + 1);
      }
      const last = moves[moves.length - 1] as Row;
      expect(meta(last)['to']).toBe(deal['stage']);
      expect(DEAL_STAGES).toContain(deal['stage']);
      if (deal['stage'] === 'closed_won' || deal['stage'] === 'closed_lost') {
        expect(deal['closed_at']).toBe(last['occurred_at']);
        expect(time(deal['closed_at'])).toBeGreaterThan(time(deal['created_at']));
        if (deal['stage'] === 'closed_lost') closedLost += 1; else closedWon += 1;
        expect(typeof deal['lost_reason'] === 'string').toBe(deal['stage'] === 'closed_lost');
      } else {
        stillOpen += 1;
        expect(deal['closed_at']).toBeUndefined();
      }
      expect(deal['expected_close_date']).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    expect(Math.min(closedWon, closedLost, stillOpen)).toBeGreaterThan(10);
  });

  it('lifecycle_changed history is a chain ending in the contact\'s lifecycle_stage', () => {
    const finals = new Set<unknown>();
    for (const contact of bundle.ofType('contact')) {
      const moves = bundle.activitiesOfContact(contact['id'] as number).filter((a) => a['type'] === 'lifecycle_changed').sort(byTime);
      expect(meta(moves[0] as Row)).toEqual({ from: null, to: 'lead' });
      expect((moves[0] as Row)['occurred_at']).toBe(contact['created_at']);
      for (let i = 1; i < moves.length; i += 1) expect(meta(moves[i] as Row)['from']).toBe(meta(moves[i - 1] as Row)['to']);
      const last = moves[moves.length - 1] as Row;
      expect(meta(last)['to']).toBe(contact['lifecycle_stage']);
      expect(contact['updated_at']).toBe(last['occurred_at']);
      finals.add(contact['lifecycle_stage']);
    }
    expect([...finals].sort()).toEqual(['churned', 'customer', 'disqualified', 'lead', 'mql', 'opportunity', 'sql']);
  });

  it('children come after their parents and every time is at or before asOf', () => {
    const asOf = time(bundle.truth.asOf);
    const created = (type: 'company' | 'contact' | 'deal', id: unknown) => time((bundle.byId(type, id as number) as Row)['created_at']);
    for (const { type, data } of bundle.records) {
      for (const [key, value] of Object.entries(data)) {
        if (key.endsWith('_at') && typeof value === 'string') expect(time(value), `${type}.${key}`).toBeLessThanOrEqual(asOf);
      }
      if (type === 'contact') expect(time(data['created_at'])).toBeGreaterThanOrEqual(created('company', data['company_id']));
      if (type === 'deal') {
        expect(time(data['created_at'])).toBeGreaterThanOrEqual(created('contact', data['contact_id']));
        expect(time(data['created_at'])).toBeGreaterThanOrEqual(created('company', data['company_id']));
      }
      const at = time(data['occurred_at'] ?? data['sent_at'] ?? data['started_at'] ?? data['created_at']);
      if (type === 'activity' || type === 'email') {
        if (data['contact_id'] != null) expect(at).toBeGreaterThanOrEqual(created('contact', data['contact_id']));
        if (data['deal_id'] != null) expect(at).toBeGreaterThanOrEqual(created('deal', data['deal_id']));
      }
      if (type === 'meeting') {
        for (const id of data['contact_ids'] as number[]) expect(at).toBeGreaterThanOrEqual(created('contact', id));
        if (data['deal_id'] != null) expect(at).toBeGreaterThanOrEqual(created('deal', data['deal_id']));
      }
      if (type === 'subscription') {
        expect(at).toBeGreaterThanOrEqual(created('company', data['company_id']));
        if (data['ended_at'] != null) expect(time(data['ended_at'])).toBeGreaterThan(at);
      }
      if (type === 'ticket') {
        expect(at).toBeGreaterThanOrEqual(created('company', data['company_id']));
        if (data['contact_id'] != null) expect(at).toBeGreaterThanOrEqual(created('contact', data['contact_id']));
        expect(data['solved_at'] != null).toBe(data['status'] === 'solved');
        if (data['solved_at'] != null) expect(time(data['solved_at'])).toBeGreaterThan(at);
      }
    }
  });

  it('only companies that won a deal have subscriptions, and those start after the win', () => {
    for (const company of bundle.ofType('company')) {
      const { subscriptions } = bundle.companyOf(company['id'] as number);
      if (subscriptions.length === 0) continue;
      const wins = bundle.ofType('deal').filter((d) => d['company_id'] === company['id'] && d['stage'] === 'closed_won');
      expect(wins.length).toBeGreaterThan(0);
      const firstWin = Math.min(...wins.map((d) => time(d['closed_at'])));
      for (const s of subscriptions) expect(time(s['started_at'])).toBeGreaterThanOrEqual(firstWin);
    }
  });

  it('activities keep business rhythm: most sales work happens on weekdays', () => {
    const calls = bundle.ofType('activity').filter((a) => a['type'] === 'call' || a['type'] === 'meeting');
    const weekend = calls.filter((a) => [0, 6].includes(new Date(a['occurred_at'] as string).getUTCDay())).length;
    expect(weekend / calls.length).toBeLessThan(0.12);
  });
});
