import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../deal-state';
import { openDeal } from '../testing/hand-built';
import { rankDealRisks } from './rank-deal-risks';
import { riskFlags } from './risk-flags';

const now = Date.UTC(2026, 3, 1);
const codes = (overrides: Parameters<typeof openDeal>[1]) => riskFlags(openDeal(now, overrides), now).map((f) => f.code);

describe('riskFlags', () => {
  it('raises nothing on a healthy deal', () => {
    expect(riskFlags(openDeal(now), now)).toEqual([]);
  });

  it('flags each risk with its numbers and evidence, and not below its threshold', () => {
    const quiet = riskFlags(openDeal(now, { lastActivityAt: now - 23 * DAY_MS }), now);
    expect(quiet).toEqual([{ code: 'no-activity', phrase: 'No activity for 23 days', weight: 0.2, evidence: { daysSinceActivity: 23, lastActivityAt: now - 23 * DAY_MS, thresholdDays: 14 } }]);
    expect(codes({ lastActivityAt: now - 13 * DAY_MS })).toEqual([]);
    expect(riskFlags(openDeal(now, { lastActivityAt: null }), now)[0]!.phrase).toBe('No activity recorded in the 40 days since it was created');

    expect(riskFlags(openDeal(now, { expectedCloseAt: now - 12 * DAY_MS }), now)[0]!.phrase).toBe('Expected close date passed 12 days ago');
    expect(codes({ closePushes: 1 })).toEqual([]);
    expect(riskFlags(openDeal(now, { closePushes: 3 }), now)[0]!.phrase).toBe('Close date pushed 3 times');
    expect(riskFlags(openDeal(now, { contactsEngaged: 1 }), now)[0]!.phrase).toBe('Only one contact engaged');
    expect(codes({ contactsEngaged: 2 })).toEqual([]);
    expect(codes({ decisionMakerEngaged: false })).toEqual(['no-decision-maker']);
    expect(riskFlags(openDeal(now, { stageRegressions: 2 }), now)[0]!.phrase).toBe('Moved back a stage 2 times');
    expect(riskFlags(openDeal(now, { championLastActiveAt: now - 25 * DAY_MS }), now)[0]!.phrase).toBe('Champion silent for 25 days');
    expect(codes({ championLastActiveAt: null })).toEqual([]);
  });

  it('flags negative recent emails only when they are provided and enough of them are negative', () => {
    const trend = { negativeEmails: 3, emails: 5, windowDays: 30 };
    expect(riskFlags(openDeal(now, { negativeEmailTrend: trend }), now)[0]!.phrase).toBe('3 of the last 5 emails (30 days) were negative');
    expect(codes({ negativeEmailTrend: { negativeEmails: 1, emails: 2, windowDays: 30 } })).toEqual([]);
    expect(codes({ negativeEmailTrend: { negativeEmails: 2, emails: 10, windowDays: 30 } })).toEqual([]);
  });
});

describe('rankDealRisks', () => {
  it('ranks flagged deals by amount × probability × summed flag weight, leaving healthy ones out', () => {
    const deals = [
      openDeal(now, { dealId: 'healthy', amount: 1e6 }),
      openDeal(now, { dealId: 'big-one-flag', amount: 10_000, winProbability: 0.5, decisionMakerEngaged: false }),
      openDeal(now, { dealId: 'small-many', amount: 4000, winProbability: 0.5, decisionMakerEngaged: false, contactsEngaged: 1, lastActivityAt: now - 30 * DAY_MS, stageRegressions: 1 }),
      openDeal(now, { dealId: 'capped', amount: 3000, winProbability: 1, decisionMakerEngaged: false, contactsEngaged: 0, lastActivityAt: now - 30 * DAY_MS, stageRegressions: 1, closePushes: 4, expectedCloseAt: now - DAY_MS, championLastActiveAt: now - 30 * DAY_MS }),
    ];
    const ranked = rankDealRisks(deals, now);
    expect(ranked.map((r) => [r.dealId, r.revenueAtRisk])).toEqual([
      // 3000 × 1 × min(1, 1.05)
      ['capped', 3000],
      // 4000 × 0.5 × (0.15 + 0.1 + 0.2 + 0.15)
      ['small-many', expect.closeTo(1200, 9)],
      ['big-one-flag', expect.closeTo(750, 9)],
    ]);
    expect(ranked[0]!.flags).toHaveLength(7);
  });
});
