import { beforeAll, describe, expect, it } from 'vitest';
import { collectDemo, time, type DemoBundle } from './test/demo-bundle';
import { churnLogitFromBundle, dealLogitWithoutOwner, leadLogitFromBundle, logit } from './test/recompute-signal';
import { rocAuc } from './test/roc-auc';

let bundle: DemoBundle;
beforeAll(() => {
  bundle = collectDemo({ size: 'small', seed: 42 });
});

describe('planted lead signal', () => {
  it('ranks known outcomes well and has a realistic base rate with enough positives', () => {
    const known = bundle.truth.leads.filter((l) => l.outcome_known);
    const converted = known.filter((l) => l.converted).length;
    expect(converted).toBeGreaterThanOrEqual(150);
    expect(converted / known.length).toBeGreaterThan(0.1);
    expect(converted / known.length).toBeLessThan(0.25);
    expect(rocAuc(known.map((l) => l.p_convert), known.map((l) => l.converted))).toBeGreaterThanOrEqual(0.75);
  });

  it('is a function of what the bundle shows at scored_at, recomputable from the truth description', () => {
    for (const lead of bundle.truth.leads) {
      const z = leadLogitFromBundle(bundle, lead.contact_id, time(lead.scored_at));
      expect(Math.abs(z - logit(lead.p_convert))).toBeLessThan(1e-9);
    }
  });

  it('agrees with the bundle: converted contacts became customers at converted_at through a won deal', () => {
    for (const lead of bundle.truth.leads) {
      const contact = bundle.byId('contact', lead.contact_id) as Record<string, unknown>;
      const toCustomer = bundle.activitiesOfContact(lead.contact_id)
        .filter((a) => a['type'] === 'lifecycle_changed' && (a['metadata'] as Record<string, unknown>)['to'] === 'customer');
      if (lead.converted) {
        expect(['customer', 'churned']).toContain(contact['lifecycle_stage']);
        expect(toCustomer.map((a) => a['occurred_at'])).toContain(lead.converted_at);
        const at = time(lead.converted_at);
        expect(at).toBeGreaterThanOrEqual(time(lead.scored_at) + 30 * 86_400_000);
        expect(at).toBeLessThanOrEqual(time(lead.scored_at) + 120 * 86_400_000);
        const won = bundle.ofType('deal').filter((d) => d['contact_id'] === lead.contact_id && d['stage'] === 'closed_won');
        expect(won.map((d) => d['closed_at'])).toContain(lead.converted_at);
      } else {
        expect(toCustomer).toHaveLength(0);
        expect(['customer', 'churned']).not.toContain(contact['lifecycle_stage']);
      }
    }
  });
});

describe('planted deal signal', () => {
  it('ranks known outcomes well with a realistic win rate', () => {
    const known = bundle.truth.deals.filter((d) => d.outcome_known);
    const won = known.filter((d) => d.won).length;
    expect(won / known.length).toBeGreaterThan(0.25);
    expect(won / known.length).toBeLessThan(0.4);
    expect(rocAuc(known.map((d) => d.p_win), known.map((d) => d.won))).toBeGreaterThanOrEqual(0.75);
  });

  it('is recomputable from the bundle up to one constant per owner (the latent skill)', () => {
    const leads = new Map(bundle.truth.leads.map((l) => [l.contact_id, l]));
    const residuals = new Map<number, number[]>();
    for (const truth of bundle.truth.deals) {
      const deal = bundle.byId('deal', truth.deal_id) as Record<string, unknown>;
      const lead = leads.get(deal['contact_id'] as number);
      expect(lead).toBeDefined();
      const z = dealLogitWithoutOwner(bundle, truth.deal_id, time(truth.scored_at), logit(lead?.p_convert as number));
      const list = residuals.get(deal['owner_id'] as number) ?? [];
      list.push(logit(truth.p_win) - z);
      residuals.set(deal['owner_id'] as number, list);
    }
    const perOwner = [...residuals.values()].map((list) => Math.max(...list) - Math.min(...list));
    expect(Math.max(...perOwner)).toBeLessThan(1e-6);
    // ...and owners really differ, so the owner carries signal.
    const levels = [...residuals.values()].map((list) => list[0] as number);
    expect(Math.max(...levels) - Math.min(...levels)).toBeGreaterThan(0.3);
  });

  it('agrees with the bundle: won means closed_won, unknown means still open', () => {
    for (const truth of bundle.truth.deals) {
      const deal = bundle.byId('deal', truth.deal_id) as Record<string, unknown>;
      expect(deal['stage'] === 'closed_won').toBe(truth.won);
      expect(deal['stage'] === 'closed_won' || deal['stage'] === 'closed_lost').toBe(truth.outcome_known);
    }
    expect(bundle.truth.deals.some((d) => !d.outcome_known)).toBe(true);
  });
});

describe('planted churn signal', () => {
  it('is recomputable from tickets, touches, subscriptions and company fields at scored_at', () => {
    expect(bundle.truth.churn.length).toBeGreaterThan(30);
    for (const truth of bundle.truth.churn) {
      const z = churnLogitFromBundle(bundle, truth.company_id, time(truth.scored_at));
      expect(Math.abs(z - logit(truth.p_churn))).toBeLessThan(1e-9);
    }
  });

  it('agrees with the bundle: a churned company has no subscription running after it left', () => {
    for (const truth of bundle.truth.churn) {
      const { subscriptions } = bundle.companyOf(truth.company_id);
      if (!truth.churned) continue;
      const at = time(truth.churned_at);
      const runningAfter = subscriptions.filter((s) => time(s['started_at']) < at && (s['ended_at'] == null || time(s['ended_at']) > at));
      expect(runningAfter).toHaveLength(0);
      expect(subscriptions.some((s) => s['ended_at'] === truth.churned_at)).toBe(true);
    }
    const known = bundle.truth.churn.filter((c) => c.outcome_known);
    expect(known.filter((c) => c.churned).length).toBeGreaterThan(0);
  });

  it('sends more urgent tickets before churn than the same companies did before scoring', () => {
    const urgentShare = (rows: Record<string, unknown>[]) =>
      rows.filter((t) => t['priority'] === 'urgent' || t['priority'] === 'high').length / Math.max(1, rows.length);
    const before: Record<string, unknown>[] = [];
    const leading: Record<string, unknown>[] = [];
    for (const truth of bundle.truth.churn.filter((c) => c.churned)) {
      const tickets = bundle.companyOf(truth.company_id).tickets;
      before.push(...tickets.filter((t) => time(t['created_at']) < time(truth.scored_at)));
      leading.push(...tickets.filter((t) => time(t['created_at']) >= time(truth.scored_at)));
    }
    expect(leading.length).toBeGreaterThan(0);
    expect(urgentShare(leading)).toBeGreaterThan(urgentShare(before));
  });
});
