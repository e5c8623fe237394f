import { describe, expect, it } from 'vitest';
import { dealSnapshotsFromRecords } from '../snapshot/deal-snapshots-from-records';
import { ownerWinRates } from '../snapshot/owner-win-rates';
import { toEur } from './currency';
import { dealFactsAt } from './deal-facts';

const DAY = 86_400_000;
const T0 = Date.parse('2025-03-03T09:00:00Z');
const iso = (days: number) => new Date(T0 + days * DAY).toISOString();
const at = (days: number) => T0 + days * DAY;

const stageMove = (id: number, days: number, from: string | null, to: string) => ({
  type: 'activity', data: { id, type: 'stage_changed', deal_id: 1, contact_id: 10, occurred_at: iso(days), metadata: { from, to } },
});
const push = (id: number, days: number, from: string, to: string) => ({
  type: 'activity', data: { id, type: 'note', deal_id: 1, contact_id: 10, occurred_at: iso(days), metadata: { field: 'expected_close_date', from, to, text: 'moved' } },
});
const touch = (id: number, days: number, type: string, contactId: number) => ({
  type: 'activity', data: { id, type, deal_id: 1, contact_id: contactId, occurred_at: iso(days) },
});

/** A deal that moved forward, back, forward again, had its close date pushed twice, and was won on day 80. */
function records() {
  return [
    { type: 'user', data: { id: 5, name: 'Rep', email: 'r@x', role: 'rep', team: 'SMB' } },
    { type: 'company', data: { id: 3, name: 'Acme', employees: 120, created_at: iso(-100) } },
    { type: 'contact', data: { id: 10, company_id: 3, first_name: 'A', last_name: 'B', email: 'a@x', lifecycle_stage: 'customer', is_decision_maker: false, created_at: iso(-30) } },
    { type: 'contact', data: { id: 11, company_id: 3, first_name: 'C', last_name: 'D', email: 'c@x', lifecycle_stage: 'lead', is_decision_maker: true, created_at: iso(-30) } },
    {
      type: 'deal',
      data: {
        id: 1, name: 'Acme', company_id: 3, contact_id: 10, owner_id: 5, amount: 10_800, currency: 'USD', stage: 'closed_won',
        budget_confirmed: true, expected_close_date: '2025-05-20', created_at: iso(0), closed_at: iso(80), products: ['CORE-PLAT', 'SEAT-ADD'],
      },
    },
    stageMove(1, 0, null, 'prospecting'),
    stageMove(2, 5, 'prospecting', 'qualification'),
    stageMove(3, 12, 'qualification', 'proposal'),
    stageMove(4, 20, 'proposal', 'qualification'),
    stageMove(5, 30, 'qualification', 'negotiation'),
    stageMove(6, 80, 'negotiation', 'closed_won'),
    // Close date first 2025-04-01 (day 29), pushed on day 31 to 2025-04-25, on day 56 to 2025-05-20.
    push(7, 31, '2025-04-01', '2025-04-25'),
    push(8, 56, '2025-04-25', '2025-05-20'),
    touch(9, 2, 'call', 10),
    touch(10, 3, 'email_sent', 10),
    touch(11, 4, 'email_replied', 10),
    touch(12, 15, 'meeting', 11),
    { type: 'email', data: { id: 20, direction: 'inbound', deal_id: 1, contact_id: 11, subject: 's', body: 'b', sent_at: iso(25) } },
    { type: 'meeting', data: { id: 30, title: 'demo', deal_id: 1, contact_ids: [10, 11], started_at: iso(26), duration_minutes: 45, notes: '' } },
  ];
}

const snapshot = () => dealSnapshotsFromRecords(records()).get(1)!;

describe('dealFactsAt', () => {
  it('replays the stage from the history, counting moves back', () => {
    const s = snapshot();
    expect(dealFactsAt(s, at(1)).stage).toBe('prospecting');
    expect(dealFactsAt(s, at(12)).stage).toBe('qualification'); // the move at day 12 is not known at day 12 itself
    expect(dealFactsAt(s, at(13)).stage).toBe('proposal');
    const back = dealFactsAt(s, at(25));
    expect(back).toMatchObject({ stage: 'qualification', stageRegressions: 1, isOpen: true, won: null, stageEnteredAt: at(20) });
    expect(back.daysInStage).toBeCloseTo(5, 9);
    expect(back.stagePath.map((e) => e.stage)).toEqual(['prospecting', 'qualification', 'proposal', 'qualification']);
    const closed = dealFactsAt(s, at(81));
    expect(closed).toMatchObject({ stage: 'closed_won', isOpen: false, won: true, closedAt: at(80), stageRegressions: 1 });
  });

  it('replays the expected close date backwards through its pushes', () => {
    const s = snapshot();
    const early = dealFactsAt(s, at(10));
    expect(early.expectedCloseAt).toBe(Date.parse('2025-04-01T00:00:00Z'));
    expect(early.closePushes).toBe(0);
    expect(early.firstExpectedCloseAt).toBe(Date.parse('2025-04-01T00:00:00Z'));
    const once = dealFactsAt(s, at(40));
    expect(once.expectedCloseAt).toBe(Date.parse('2025-04-25T00:00:00Z'));
    expect(once.closePushes).toBe(1);
    const twice = dealFactsAt(s, at(60));
    expect(twice.expectedCloseAt).toBe(Date.parse('2025-05-20T00:00:00Z'));
    expect(twice.closePushes).toBe(2);
    expect(twice.expectedCloseHistory.map((c) => c.expectedCloseAt)).toEqual(
      ['2025-04-01', '2025-04-25', '2025-05-20'].map((d) => Date.parse(`${d}T00:00:00Z`)),
    );
    // Day 30 is a day past the first date (2025-04-01 is day 29 + 15 h), before the first push.
    expect(dealFactsAt(s, at(30)).daysToExpectedClose).toBeLessThan(0);
  });

  it('counts touches, contacts engaged, the decision maker and the champion as of the moment', () => {
    const s = snapshot();
    const early = dealFactsAt(s, at(10));
    expect(early).toMatchObject({ contactsEngaged: 1, decisionMakerEngaged: false, championContactId: 10, lastActivityAt: at(4) });
    expect(early.touches).toMatchObject({ total: 3, calls: 1, emailsSent: 1, emailsReplied: 1, meetings: 0 });
    expect(early.daysSinceLastActivity).toBeCloseTo(6, 9);
    const later = dealFactsAt(s, at(27));
    // The meeting record is one touch; both attendees are engaged. Stage moves and close-date notes are not touches.
    expect(later.touches).toMatchObject({ total: 6, meetings: 1, meetingsHeld: 1, meetingMinutes: 45, inboundEmails: 1 });
    expect(later).toMatchObject({ contactsEngaged: 2, decisionMakerEngaged: true, lastActivityAt: at(26) });
    expect(later.contacts.find((c) => c.contactId === 11)).toMatchObject({ isDecisionMaker: true, responses: 3, lastResponseAt: at(26) });
    expect(later.championContactId).toBe(11);
    expect(later.championLastActiveAt).toBe(at(26));
    expect(dealFactsAt(s, at(60)).daysSinceLastActivity).toBeCloseTo(34, 9);
  });

  it('converts the amount to EUR with configurable rates and carries owner, team and products', () => {
    const s = snapshot();
    const facts = dealFactsAt(s, at(10));
    expect(facts).toMatchObject({ amount: 10_800, currency: 'USD', ownerId: 5, team: 'SMB', budgetConfirmed: true, products: ['CORE-PLAT', 'SEAT-ADD'], companySegment: 'SMB' });
    expect(facts.amountEur).toBeCloseTo(10_000, 9);
    expect(dealFactsAt(s, at(10), { rates: { EUR: 1, USD: 1.2 } }).amountEur).toBeCloseTo(9_000, 9);
    expect(() => toEur(5, 'JPY')).toThrow(/JPY/);
    expect(() => dealFactsAt(s, Number.NaN)).toThrow(/deal 1/);
  });

  it('knows no stage before the deal existed', () => {
    const facts = dealFactsAt(snapshot(), at(-1));
    expect(facts).toMatchObject({ existed: false, isOpen: false, stage: 'unknown', contactsEngaged: 0 });
  });
});

describe('ownerWinRates', () => {
  it('counts only deals closed before the moment, smoothed toward the global rate', () => {
    const deal = (id: number, owner: number, stage: string, closedDay: number) => ({
      type: 'deal', data: { id, name: 'd', owner_id: owner, amount: 1, currency: 'EUR', stage, created_at: iso(0), closed_at: iso(closedDay) },
    });
    const snapshots = dealSnapshotsFromRecords([deal(1, 7, 'closed_won', 10), deal(2, 7, 'closed_won', 20), deal(3, 8, 'closed_lost', 15), deal(4, 8, 'closed_lost', 30)]);
    const rates = ownerWinRates(snapshots.values(), 2);
    expect(rates.at(7, at(5))).toEqual({ rate: null, wins: 0, closed: 0, globalRate: null });
    // Day 16: deal 1 won (owner 7), deal 3 lost (owner 8): global 50%.
    expect(rates.at(7, at(16))).toEqual({ rate: (1 + 2 * 0.5) / (1 + 2), wins: 1, closed: 1, globalRate: 0.5 });
    expect(rates.at(8, at(16)).rate).toBeCloseTo((0 + 1) / 3, 12);
    expect(rates.at(9, at(40))).toMatchObject({ rate: 0.5, closed: 0 });
  });
});
