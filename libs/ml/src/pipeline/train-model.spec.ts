import { describe, expect, it } from 'vitest';
import { encodedColumns } from '../dataset/feature-encoder';
import { sigmoid } from '../math/logistic-functions';
import { expectedCalibrationError } from '../metrics/calibration-metrics';
import { rocAuc } from '../metrics/ranking-metrics';
import { syntheticCrmRows } from '../testing/synthetic-crm';
import { artefactFromJSON, artefactToJSON, parseArtefact, serializeArtefact } from './artefact-json';
import { explain, predict } from './score-model';
import { trainModel, type TrainModelOptions } from './train-model';

const options: TrainModelOptions = { kind: 'lead-conversion', target: 'converted', timeColumn: 'created_at', trainedAt: '2025-06-01T00:00:00.000Z' };
const training = syntheticCrmRows(20_000, 1);
// Fresh rows from the same process, after the training period: held out from every step.
const heldOut = syntheticCrmRows(20_000, 101, Date.UTC(2026, 0, 1));
const heldOutLabels = heldOut.rows.map((r) => (r.converted ? 1 : 0));

describe('trainModel with gradient-boosted trees', () => {
  const artefact = trainModel(training.rows, { ...options, learners: ['gbt'] });
  const p = predict(artefact, heldOut.rows);

  it('ranks within 0.02 AUC of the true probabilities', () => {
    expect(artefact.learner.type).toBe('gbt');
    expect(rocAuc(heldOutLabels, p)).toBeGreaterThan(rocAuc(heldOutLabels, heldOut.trueProbability) - 0.02);
  });

  it('is calibrated to an ECE of at most 0.03', () => {
    expect(expectedCalibrationError(heldOutLabels, p)).toBeLessThanOrEqual(0.03);
    expect(artefact.metrics.test.expectedCalibrationError).toBeLessThanOrEqual(0.05);
  });

  it('reports its splits oldest to newest', () => {
    const { fit, validation, calibration, test } = artefact.metrics.split;
    expect(fit.rows + validation.rows + calibration.rows + test.rows).toBe(20_000);
    expect(fit.to! <= validation.from!).toBe(true);
    expect(validation.to! <= calibration.from!).toBe(true);
    expect(calibration.to! <= test.from!).toBe(true);
    expect(artefact.metrics.test.count).toBe(test.rows);
  });

  it('explains every prediction: bias + contributions = logit(probability), per source feature', () => {
    const sources = artefact.featureEncoder.features.map((f) => f.name);
    expect(sources).not.toContain('converted');
    expect(sources).not.toContain('created_at');
    for (let i = 0; i < 200; i++) {
      const e = explain(artefact, heldOut.rows[i]!);
      const total = e.contributions.reduce((sum, c) => sum + c.contribution, e.bias);
      expect(Math.abs(total - e.logit)).toBeLessThan(1e-9);
      expect(e.probability).toBe(p[i]);
      expect(sigmoid(e.logit)).toBeCloseTo(e.probability, 12);
      expect(e.contributions.map((c) => c.feature).sort()).toEqual([...sources].sort());
    }
    const e = explain(artefact, heldOut.rows[0]!);
    expect(e.contributions.find((c) => c.feature === 'lead_source')!.value).toBe(heldOut.rows[0]!.lead_source);
    const sizes = e.contributions.map((c) => Math.abs(c.contribution));
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
  });

  it('round-trips through JSON with identical predictions and explanations', () => {
    const text = serializeArtefact(artefact);
    const restored = parseArtefact(text);
    expect([...predict(restored, heldOut.rows)]).toEqual([...p]);
    expect(explain(restored, heldOut.rows[3]!)).toEqual(explain(artefact, heldOut.rows[3]!));
    expect(serializeArtefact(restored)).toBe(text);
    expect(restored.trainedAt).toBe(options.trainedAt);
  });

  it('is deterministic', () => {
    const again = trainModel(training.rows, { ...options, learners: ['gbt'] });
    expect(serializeArtefact(again)).toBe(serializeArtefact(artefact));
  });

  it('rejects malformed artefacts', () => {
    const json = artefactToJSON(artefact);
    expect(() => artefactFromJSON({ ...json, version: 2 })).toThrow(/invalid model artefact/);
    const cyclic = structuredClone(json);
    if (cyclic.learner.type !== 'gbt') throw new Error('expected gbt');
    const tree = cyclic.learner.trees[0]!;
    tree.left[0] = 0;
    expect(() => artefactFromJSON(cyclic)).toThrow(/child 0/);
    const renamed = structuredClone(json);
    renamed.featureEncoder.features[0] = { ...renamed.featureEncoder.features[0]!, name: 'other' };
    expect(() => artefactFromJSON(renamed)).toThrow(/encoder columns/);
    expect(() => artefactFromJSON({ ...json, calibrator: { type: 'platt', a: Infinity, b: 0 } })).toThrow();
  });
});

describe('trainModel choosing between learners', () => {
  const artefact = trainModel(training.rows, {
    ...options,
    logistic: { numericBasis: 'spline', interactions: [['has_demo', 'email_opens']] },
    calibration: 'isotonic',
  });

  it('reports both candidates and keeps the one with the lower validation log loss', () => {
    const [gbt, logistic] = artefact.metrics.candidates;
    expect(gbt!.learner).toBe('gbt');
    expect(logistic!.learner).toBe('logistic');
    const best = gbt!.validationLogLoss <= logistic!.validationLogLoss ? 'gbt' : 'logistic';
    expect(artefact.metrics.chosenLearner).toBe(best);
    expect(artefact.calibrator.type).toBe('isotonic');
  });

  it('explains a logistic model with interactions in isotonic log-odds exactly', () => {
    const logisticOnly = trainModel(training.rows, {
      ...options,
      learners: ['logistic'],
      logistic: { numericBasis: 'spline', interactions: [['has_demo', 'email_opens']] },
      calibration: 'isotonic',
    });
    const p = predict(logisticOnly, heldOut.rows.slice(0, 300));
    for (let i = 0; i < 300; i++) {
      const e = explain(logisticOnly, heldOut.rows[i]!);
      const total = e.contributions.reduce((sum, c) => sum + c.contribution, e.bias);
      expect(Math.abs(total - e.logit)).toBeLessThan(1e-9);
      expect(e.probability).toBe(p[i]);
      expect(e.probability).toBeGreaterThanOrEqual(1e-6);
    }
    expect(explain(logisticOnly, heldOut.rows[0]!).contributions.map((c) => c.feature)).toContain('has_demo × email_opens');
    const restored = parseArtefact(serializeArtefact(logisticOnly));
    expect([...predict(restored, heldOut.rows)]).toEqual([...predict(logisticOnly, heldOut.rows)]);
    expect(rocAuc(heldOutLabels, predict(logisticOnly, heldOut.rows))).toBeGreaterThan(rocAuc(heldOutLabels, heldOut.trueProbability) - 0.03);
  });

  it('encodes with the columns the learner was trained on', () => {
    expect(encodedColumns(artefact.featureEncoder).map((c) => c.name)).toEqual(artefact.learner.featureNames);
    expect(artefact.learner.featureNames).toContain('lead_source=__other__');
    expect(artefact.featureEncoder.features.find((f) => f.name === 'lead_source')!.levels).not.toContain('podcast');
  });

  it('refuses rows without an outcome', () => {
    const broken = training.rows.map((r, i) => (i === 7 ? { ...r, converted: null } : r));
    expect(() => trainModel(broken, options)).toThrow(/row 7 has no 0\/1 outcome/);
  });
});
