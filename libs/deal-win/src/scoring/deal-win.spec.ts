import { artefactFromJSON, artefactToJSON, logit } from '@hub/ml';
import { beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS, DEAL_WIN_MODEL_KIND } from '../deal-win-settings';
import { demoDealSnapshots } from '../testing/demo-deal-snapshots';
import { buildDealExamples, emptyDealExampleCounts, type DealExample } from '../training/training-examples';
import { InsufficientDealDataError, trainDealWinModel, type TrainedDealWinModel } from '../training/train-deal-win-model';
import { DealNotOpenError, predictDealWin, type DealWinModel } from './predict-deal-win';
import { dealFactorPhrase } from './deal-factor-phrases';
import { DEFAULT_STAGE_WIN_RATES, historicalStageWinRates } from './stage-rules';

describe('deal-win model on demo data (small, seed 42)', () => {
  let examples: DealExample[];
  let trained: TrainedDealWinModel;
  let model: DealWinModel;
  const counts = emptyDealExampleCounts();

  beforeAll(() => {
    const { snapshots, dataEnd, context } = demoDealSnapshots('small', 42);
    examples = buildDealExamples(snapshots.values(), { dataEnd, context }, counts);
    trained = trainDealWinModel(examples, { trainedAt: '2026-11-01T00:00:00.000Z' });
    model = { artefact: trained.artefact, version: `${DEAL_WIN_MODEL_KIND}@1` };
  }, 60_000);

  it('samples closed deals at several moments of their open life, and leaves open and recent deals out', () => {
    expect(counts.labelled).toBeGreaterThan(400);
    expect(counts.rows).toBe(examples.length);
    expect(counts.rows).toBeGreaterThan(counts.labelled * 1.1);
    const perDeal = new Map<number, number>();
    for (const e of examples) perDeal.set(e.dealId, (perDeal.get(e.dealId) ?? 0) + 1);
    expect(perDeal.size).toBe(counts.labelled);
    expect(Math.max(...perDeal.values())).toBe(2);
    expect(counts.open + counts.tooRecent).toBeGreaterThan(50);
    const { snapshots } = demoDealSnapshots('small', 42);
    for (const e of examples.slice(0, 200)) {
      const closedAt = Date.parse(snapshots.get(e.dealId)!.deal.closed_at!);
      expect(e.at).toBeLessThan(closedAt);
      expect(e.features['stage']).not.toMatch(/^closed/);
    }
  });

  it('reports registry-ready metrics on held-out deals', () => {
    expect(trained.artefact.kind).toBe('deal-win');
    expect(trained.metrics.test.rocAuc).toBeGreaterThan(0.75);
    for (const key of ['prAuc', 'logLoss', 'brierScore', 'liftTopDecile', 'expectedCalibrationError'] as const) expect(trained.metrics.test[key]).toEqual(expect.any(Number));
    expect(trained.metrics.test.calibration.length).toBeGreaterThan(3);
    expect(trained.features).toContain('deal.custom.competitor');
    expect(trained.features).toContain('contact.custom.product_fit_score');
    expect(trained.features).not.toContain('won');
    expect(trained.testDealIds.length).toBeGreaterThan(50);
    expect(trained.window.from! < trained.window.to!).toBe(true);
    // The artefact survives the registry's JSON.
    expect(artefactFromJSON(JSON.parse(JSON.stringify(artefactToJSON(trained.artefact)))).metrics).toEqual(trained.artefact.metrics);
  });

  it('explains each probability with phrased factors that sum to its log-odds', () => {
    const { snapshots, context, truth } = demoDealSnapshots('small', 42);
    for (const d of truth.deals.slice(-60)) {
      const prediction = predictDealWin(model, snapshots.get(d.deal_id)!, Date.parse(d.scored_at), context);
      const sum = prediction.baseLogOdds + prediction.factors.reduce((s, f) => s + f.contribution, 0);
      expect(Math.abs(sum - logit(prediction.probability))).toBeLessThan(1e-9);
      expect(prediction.method).toBe('model');
      expect(prediction.confidence).toBeGreaterThan(0);
      expect(prediction.confidence).toBeLessThanOrEqual(1);
      for (const f of prediction.factors) {
        expect(f.phrase).toMatch(/^[A-Z0-9]/);
        expect(f.phrase).not.toMatch(/undefined|NaN|null|__/);
      }
      const sizes = prediction.factors.map((f) => Math.abs(f.contribution));
      expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
    }
  });

  it('refuses a deal that is not open at the moment, naming it', () => {
    const { snapshots, context } = demoDealSnapshots('small', 42);
    const closed = [...snapshots.values()].find((s) => s.deal.stage === 'closed_won')!;
    expect(() => predictDealWin(model, closed, Date.parse(closed.deal.closed_at!) + DAY_MS, context)).toThrow(DealNotOpenError);
    expect(() => predictDealWin(model, closed, Date.parse(closed.deal.closed_at!) + DAY_MS, context)).toThrow(new RegExp(`deal ${closed.deal.id} .*won`));
  });

  it('scores by stage rules without a model, flagged as rules', () => {
    const { snapshots, context, dataEnd } = demoDealSnapshots('small', 42);
    const open = [...snapshots.values()].find((s) => s.deal.stage === 'proposal')!;
    const byDefault = predictDealWin(null, open, dataEnd, context);
    expect(byDefault).toMatchObject({ method: 'rules', modelVersion: 'deal-rules@1' });
    expect(byDefault.probability).toBeCloseTo(DEFAULT_STAGE_WIN_RATES['proposal']!, 12);
    expect(byDefault.factors[0]).toMatchObject({ feature: 'stage', phrase: 'In proposal stage' });
    const historical = historicalStageWinRates(snapshots.values(), dataEnd);
    expect(historical['negotiation']!.rate).toBeGreaterThan(historical['prospecting']!.rate);
    expect(historical['proposal']!.deals).toBeGreaterThan(100);
    const learned = predictDealWin(null, open, dataEnd, context, { stageWinRates: historical });
    expect(learned.probability).toBeCloseTo(historical['proposal']!.rate, 12);
    expect(learned.baseLogOdds + learned.factors.reduce((s, f) => s + f.contribution, 0)).toBeCloseTo(logit(learned.probability), 9);
  });

  it('throws a clear error when data is insufficient', () => {
    const few = examples.filter((e) => e.dealId % 8 === 0);
    expect(() => trainDealWinModel(few)).toThrow(InsufficientDealDataError);
    expect(() => trainDealWinModel(few)).toThrow(/won deals .*closed deals|closed deals/);
    expect(() => trainDealWinModel(examples.filter((e) => e.won), { minClosedDeals: 10 })).toThrow(/no lost deals/);
  });
});

describe('deal factor phrases', () => {
  it('states the facts', () => {
    expect(dealFactorPhrase('budget', { budget_confirmed: true }, 0.3)).toBe('Budget confirmed');
    expect(dealFactorPhrase('recency', { days_since_last_activity: 21.4 }, -0.3)).toBe('No activity for 21 days');
    expect(dealFactorPhrase('owner', { owner_win_rate: 0.4512 }, 0.2)).toBe('Owner wins 45% of deals');
    expect(dealFactorPhrase('close_pushes', { close_pushes: 2 }, -0.2)).toBe('Close date pushed twice');
    expect(dealFactorPhrase('contacts', { contacts_engaged: 1 }, -0.2)).toBe('Single-threaded (1 contact)');
    expect(dealFactorPhrase('amount', { amount_vs_size: Math.log(1.4) }, -0.2)).toBe('Amount 40% above the usual for the company size');
    expect(dealFactorPhrase('custom:deal.competitor', { 'deal.custom.competitor': 'incumbent' }, -0.4)).toBe('Competitor: incumbent');
    expect(dealFactorPhrase('seniority', { seniority: 'vp' }, 0.1)).toBe('VP-level role');
    expect(dealFactorPhrase('close_date', { days_to_expected_close: -3.2 }, -0.1)).toBe('4 days past the expected close date');
  });
});
