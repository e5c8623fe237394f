import { logit } from '@hub/ml';
import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../lead-scoring-settings';
import type { LeadSnapshot } from '../snapshot/lead-snapshot';
import { demoSnapshots } from '../testing/demo-snapshots';
import { buildLeadExamples } from '../training/training-examples';
import { InsufficientLeadDataError, trainLeadModel } from '../training/train-lead-model';
import { scoreConfidence } from './confidence';
import { factorPhrase } from './factor-phrases';
import { extractLeadFeatures } from '../features/lead-features';
import { scoreFeatureRows, scoreLeadWithModel } from './model-scorer';
import { scoreBand } from './recommendation';
import { LeadNotScorableError, scoreLeadWithRules } from './rules-scorer';

const { snapshots, dataEnd } = demoSnapshots('small', 42);
const leads = [...snapshots.values()].slice(0, 300);
const sumsToLogit = (score: { base_logit: number; factors: { contribution: number }[]; probability: number }) =>
  Math.abs(score.factors.reduce((s, f) => s + f.contribution, score.base_logit) - logit(score.probability));

describe('rules scorer', () => {
  it('gives the same shape, flagged rules, with factors that add up to the score', () => {
    for (const snapshot of leads) {
      const score = scoreLeadWithRules(snapshot, dataEnd);
      expect(score.method).toBe('rules');
      expect(score.model_version).toBe('rules@1');
      expect(sumsToLogit(score)).toBeLessThan(1e-9);
      expect(score.score).toBe(Math.round(score.probability * 100));
      expect(score.confidence).toBeLessThanOrEqual(0.35);
      expect(score.recommendation).toMatch(/priority - /);
    }
  });

  it('names the facts it used', () => {
    const snapshot: LeadSnapshot = {
      contact: { id: 1, created_at: new Date(dataEnd - 10 * DAY_MS).toISOString(), is_decision_maker: true, seniority: 'director', lead_source: 'referral' },
      company: null, activities: [], emails: [], meetings: [],
      deals: [{ id: 3, created_at: new Date(dataEnd - 5 * DAY_MS).toISOString(), budget_confirmed: true }],
    };
    const labels = scoreLeadWithRules(snapshot, dataEnd).factors.map((f) => f.label);
    expect(labels).toEqual(expect.arrayContaining(['Decision maker role', 'Referral lead source', 'Budget confirmed', 'No activity yet']));
  });

  it('refuses to make up a score for a contact it knows nothing about', () => {
    const empty: LeadSnapshot = { contact: { id: 9, created_at: new Date(dataEnd).toISOString() }, company: null, activities: [], emails: [], meetings: [], deals: [] };
    expect(() => scoreLeadWithRules(empty, dataEnd)).toThrow(LeadNotScorableError);
  });
});

describe('model scorer', () => {
  const examples = buildLeadExamples(snapshots.values(), { dataEnd });
  const trained = trainLeadModel(examples, { trainedAt: '2026-11-01T00:00:00.000Z' });
  const model = { artefact: trained.artefact, version: 'lead-score@1' };

  it('refuses to train below 50 known conversions', () => {
    const few = [...examples.filter((e) => e.converted).slice(0, 49), ...examples.filter((e) => !e.converted)];
    expect(() => trainLeadModel(few)).toThrow(InsufficientLeadDataError);
  });

  it('explains every score exactly: base + factors = logit(probability), in plain phrases', () => {
    for (const snapshot of leads) {
      const score = scoreLeadWithModel(model, snapshot, dataEnd);
      expect(score.method).toBe('model');
      expect(sumsToLogit(score)).toBeLessThan(1e-9);
      expect(score.score).toBe(Math.round(score.probability * 100));
      expect(score.confidence).toBeGreaterThan(0);
      expect(score.confidence).toBeLessThanOrEqual(1);
      for (const factor of score.factors) {
        expect(factor.label).toMatch(/^[A-Z]/);
        expect(factor.label).not.toMatch(/undefined|NaN|__/);
      }
      const sizes = score.factors.map((f) => Math.abs(f.contribution));
      expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
    }
  });

  it('scores a batch exactly as it scores lead by lead', () => {
    const batch = scoreFeatureRows(model, leads.map((s) => ({ contactId: s.contact.id, row: extractLeadFeatures(s, dataEnd) })), dataEnd);
    expect(batch).toEqual(leads.map((snapshot) => scoreLeadWithModel(model, snapshot, dataEnd)));
  });

  it('reports held-out metrics and the features it kept', () => {
    expect(trained.metrics.test.rocAuc).toBeGreaterThan(0.65);
    expect(trained.metrics.rows.test).toBe(trained.testContactIds.length);
    expect(trained.features).toContain('contact.custom.product_fit_score');
    expect(trained.features).not.toContain('converted');
  });
});

describe('phrases, bands and confidence', () => {
  it('phrases custom properties against their scale', () => {
    expect(factorPhrase('custom:product_fit_score', { 'contact.custom.product_fit_score': 8 }, 0.3)).toBe('Product fit score 8/10');
    expect(factorPhrase('custom:product_fit_score', { 'contact.custom.product_fit_score': 72 }, 0.3)).toBe('Product fit score 72/100');
    expect(factorPhrase('custom:trial_active', { 'contact.custom.trial_active': true }, 0.3)).toBe('Trial active');
    expect(factorPhrase('custom:company.tier', { 'company.custom.tier': 'key' }, 0.1)).toBe('Company tier: key');
    expect(factorPhrase('recency', { days_since_last_engagement: 41 }, -0.4)).toBe('No activity in 30 days');
    expect(factorPhrase('engagement', {}, 0.4)).toBe('High engagement rate');
  });

  it('bands scores against the base rate', () => {
    expect(scoreBand(0.5, 0.15)).toBe('high');
    expect(scoreBand(0.2, 0.15)).toBe('medium');
    expect(scoreBand(0.1, 0.15)).toBe('low');
    expect(scoreBand(0.02, 0.15)).toBe('very_low');
  });

  it('grows with evidence and model quality', () => {
    const thin = scoreConfidence({ row: {}, method: 'model', testRocAuc: 0.85, distanceFromBase: 0 });
    const rich = scoreConfidence({ row: { website_visit_90d: 12, seniority: 'vp', is_decision_maker: true, lead_source: 'inbound', industry: 'Retail', employees: 40 }, method: 'model', testRocAuc: 0.85, distanceFromBase: 2 });
    const weakModel = scoreConfidence({ row: {}, method: 'model', testRocAuc: 0.6, distanceFromBase: 0 });
    expect(thin.value).toBe(0.6);
    expect(rich.value).toBeGreaterThan(0.9);
    expect(weakModel.value).toBeLessThan(thin.value);
  });
});
