import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../lead-scoring-settings';
import { timeMs, type LeadSnapshot, type SnapshotActivity, type SnapshotTime } from '../snapshot/lead-snapshot';
import { demoSnapshots } from '../testing/demo-snapshots';
import { trainingCutoff } from '../training/training-examples';
import { extractLeadFeatures } from './lead-features';

const T0 = Date.parse('2025-03-01T00:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();

function baseSnapshot(): LeadSnapshot {
  return {
    contact: {
      id: 7, company_id: 3, title: 'VP Sales', seniority: null, is_decision_maker: true, lead_source: 'referral',
      lifecycle_stage: 'customer', created_at: iso(T0), updated_at: iso(T0 + 200 * DAY_MS),
      custom: { product_fit_score: 8, trial_active: true, tech_stack: 'spreadsheets', crm_id: 'x-991' },
    },
    company: { id: 3, created_at: iso(T0 - 400 * DAY_MS), industry: 'Software', employees: 450, annual_revenue: 9e7, country: 'Germany', custom: { tier: 'key' } },
    activities: [
      { type: 'lifecycle_changed', contact_id: 7, occurred_at: iso(T0), metadata: { from: null, to: 'lead' } },
      { type: 'website_visit', contact_id: 7, occurred_at: iso(T0 + 2 * DAY_MS) },
      { type: 'website_visit', contact_id: 7, occurred_at: iso(T0 + 18 * DAY_MS) },
      { type: 'email_sent', contact_id: 7, occurred_at: iso(T0 + 3 * DAY_MS) },
      { type: 'email_opened', contact_id: 7, occurred_at: iso(T0 + 3 * DAY_MS + 3600_000) },
      { type: 'form_submitted', contact_id: 7, occurred_at: iso(T0 + 5 * DAY_MS) },
      { type: 'lifecycle_changed', contact_id: 7, occurred_at: iso(T0 + 5 * DAY_MS), metadata: { from: 'lead', to: 'mql' } },
      { type: 'demo', contact_id: 7, occurred_at: iso(T0 + 10 * DAY_MS) },
      { type: 'stage_changed', contact_id: 7, deal_id: 40, occurred_at: iso(T0 + 12 * DAY_MS), metadata: { from: null, to: 'prospecting' } },
      { type: 'stage_changed', contact_id: 7, deal_id: 40, occurred_at: iso(T0 + 16 * DAY_MS), metadata: { from: 'prospecting', to: 'proposal' } },
      { type: 'stage_changed', contact_id: 7, deal_id: 40, occurred_at: iso(T0 + 60 * DAY_MS), metadata: { from: 'proposal', to: 'closed_won' } },
      { type: 'lifecycle_changed', contact_id: 7, occurred_at: iso(T0 + 60 * DAY_MS), metadata: { from: 'opportunity', to: 'customer' } },
    ],
    emails: [{ direction: 'inbound', sent_at: iso(T0 + 4 * DAY_MS) }],
    meetings: [{ started_at: iso(T0 + 10 * DAY_MS), duration_minutes: 45 }],
    deals: [{ id: 40, created_at: iso(T0 + 12 * DAY_MS), stage: 'closed_won', closed_at: iso(T0 + 60 * DAY_MS), budget_confirmed: true, amount: 50_000 }],
  };
}

describe('extractLeadFeatures', () => {
  const cutoff = T0 + 21 * DAY_MS;
  const row = extractLeadFeatures(baseSnapshot(), cutoff);

  it('reads role, source, firmographics and custom properties (identifiers left out)', () => {
    expect(row).toMatchObject({
      seniority: 'vp', is_decision_maker: true, lead_source: 'referral', industry: 'Software', employees: 450,
      company_segment: 'Mid-Market', company_age_days: 421, country: 'Germany',
      'contact.custom.product_fit_score': 8, 'contact.custom.trial_active': true, 'contact.custom.tech_stack': 'spreadsheets',
      'company.custom.tier': 'key',
    });
    expect(row).not.toHaveProperty('contact.custom.crm_id');
  });

  it('counts engagement by type over 7, 30 and 90 days, email rates, meetings and recency', () => {
    expect(row).toMatchObject({
      website_visit_7d: 1, website_visit_30d: 2, website_visit_90d: 2, form_submitted_30d: 1, demo_30d: 1,
      email_open_rate_90d: 1, email_reply_rate_90d: 0, emails_inbound_90d: 1, emails_outbound_90d: 0,
      meetings_held_total: 1, meeting_minutes_90d: 45, demo_held: true, days_since_last_engagement: 3,
    });
  });

  it('sees the deal as it was at the cut-off: open, in proposal, budget confirmed; the lifecycle from history', () => {
    expect(row).toMatchObject({ open_deals: 1, won_deals_before: 0, deal_stage: 'proposal', budget_confirmed: true, deal_amount: 50_000, lifecycle_at_cutoff: 'mql' });
  });

  it('knows no deal and no budget before the deal existed', () => {
    const early = extractLeadFeatures(baseSnapshot(), T0 + 11 * DAY_MS);
    expect(early).toMatchObject({ open_deals: 0, deal_stage: null, budget_confirmed: null, deal_amount: null });
  });

  it('focuses on the requested deal', () => {
    const later = extractLeadFeatures(baseSnapshot(), T0 + 90 * DAY_MS, { focusDealId: 40 });
    expect(later).toMatchObject({ open_deals: 0, won_deals_before: 1, deal_stage: 'closed_won', lifecycle_at_cutoff: 'customer' });
  });
});

/**
 * What a snapshot showed at the cut-off: only records before it, deals created before it, and nothing
 * of the present state (the contact's lifecycle and update time, a deal's stage unless it had closed).
 */
function asKnownAt(snapshot: LeadSnapshot, cutoff: number): LeadSnapshot {
  const before = (t: SnapshotTime | null | undefined) => timeMs(t) < cutoff;
  return {
    contact: { ...snapshot.contact, lifecycle_stage: undefined, updated_at: undefined },
    company: snapshot.company,
    activities: snapshot.activities.filter((a) => before(a.occurred_at)),
    emails: snapshot.emails.filter((e) => before(e.sent_at)),
    meetings: snapshot.meetings.filter((m) => before(m.started_at)),
    deals: snapshot.deals.filter((d) => before(d.created_at))
      .map((d) => (before(d.closed_at) ? d : { ...d, stage: undefined, closed_at: undefined })),
  };
}

const ACTIVITY_TYPES = ['email_sent', 'email_opened', 'email_clicked', 'email_replied', 'call', 'meeting', 'demo', 'website_visit',
  'form_submitted', 'content_download', 'note', 'stage_changed', 'lifecycle_changed'] as const;

/** Everything the future may add or change: records at or after the cut-off, and the present state. */
function withFuture(snapshot: LeadSnapshot, cutoff: number, offsetsInDays: readonly number[]): LeadSnapshot {
  const at = (k: number) => iso(cutoff + offsetsInDays[k % offsetsInDays.length]! * DAY_MS);
  const futureActivities: SnapshotActivity[] = ACTIVITY_TYPES.flatMap((type, k) => [
    { type, contact_id: snapshot.contact.id, occurred_at: at(k), metadata: { from: 'lead', to: type === 'stage_changed' ? 'closed_won' : 'customer' } },
    ...snapshot.deals.map((d) => ({ type, contact_id: snapshot.contact.id, deal_id: d.id, occurred_at: at(k + 1), metadata: { to: 'closed_won' } })),
  ]);
  return {
    contact: { ...snapshot.contact, lifecycle_stage: 'customer', updated_at: at(0) },
    company: snapshot.company,
    activities: [...snapshot.activities.map((a) => (timeMs(a.occurred_at) < cutoff ? a : { ...a, type: 'demo' as const, occurred_at: at(2) })), ...futureActivities],
    emails: [...snapshot.emails, { direction: 'inbound', sent_at: at(1) }, { direction: 'outbound', sent_at: at(2) }],
    meetings: [...snapshot.meetings, { started_at: at(0), duration_minutes: 60 }],
    deals: [
      ...snapshot.deals.map((d) => (timeMs(d.closed_at) < cutoff ? d : { ...d, stage: 'closed_won' as const, closed_at: at(3) })),
      { id: 99_999, created_at: at(0), stage: 'closed_won', closed_at: at(1), budget_confirmed: true, amount: 1e6 },
    ],
  };
}

describe('no leakage: nothing at or after the cut-off changes the features', () => {
  const { snapshots } = demoSnapshots('small', 42);
  const sample = [...snapshots.values()].filter((_, i) => i % 7 === 0);

  it('features of demo contacts equal those of the contact as known at the cut-off, and of one with any future added', () => {
    for (const [k, snapshot] of sample.entries()) {
      // Cut-offs at the training moment and later, so that deals, stages and lifecycles are mid-history.
      for (const cutoff of [trainingCutoff(snapshot), trainingCutoff(snapshot) + (20 + (k % 5) * 30) * DAY_MS]) {
        const expected = extractLeadFeatures(asKnownAt(snapshot, cutoff), cutoff);
        expect(extractLeadFeatures(snapshot, cutoff)).toEqual(expected);
        expect(extractLeadFeatures(withFuture(snapshot, cutoff, [0, 0.001, 3, 40, 200]), cutoff)).toEqual(expected);
      }
    }
  });

  it('holds for any future records (property)', () => {
    const pool = sample.slice(0, 60);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: pool.length - 1 }),
        fc.integer({ min: 0, max: 400 }),
        fc.array(fc.double({ min: 0, max: 500, noNaN: true }), { minLength: 1, maxLength: 6 }),
        (index, daysAfterCreation, offsets) => {
          const snapshot = pool[index]!;
          const cutoff = timeMs(snapshot.contact.created_at) + daysAfterCreation * DAY_MS;
          const expected = extractLeadFeatures(asKnownAt(snapshot, cutoff), cutoff);
          expect(extractLeadFeatures(withFuture(snapshot, cutoff, offsets), cutoff)).toEqual(expected);
        },
      ),
      { numRuns: 200, seed: 7 },
    );
  });
});

describe('times as epoch milliseconds', () => {
  const { snapshots } = demoSnapshots('small', 42);
  const sample = [...snapshots.values()].filter((_, i) => i % 5 === 0);

  it('give the features their ISO text gives (the store loader hands numbers, and null for an activity naming no contact)', () => {
    for (const [k, snapshot] of sample.entries()) {
      const numeric: LeadSnapshot = {
        ...snapshot,
        activities: snapshot.activities.map((a) => ({ ...a, occurred_at: timeMs(a.occurred_at), contact_id: a.contact_id ?? null })),
        emails: snapshot.emails.map((e) => ({ ...e, sent_at: timeMs(e.sent_at) })),
        meetings: snapshot.meetings.map((m) => ({ ...m, started_at: timeMs(m.started_at) })),
      };
      for (const cutoff of [trainingCutoff(snapshot), trainingCutoff(snapshot) + (10 + (k % 7) * 40) * DAY_MS]) {
        expect(extractLeadFeatures(numeric, cutoff)).toEqual(extractLeadFeatures(snapshot, cutoff));
      }
    }
  });
});
