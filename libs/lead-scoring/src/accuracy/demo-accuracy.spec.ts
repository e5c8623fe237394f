import { expectedCalibrationError, predict, rocAuc } from '@hub/ml';
import { beforeAll, describe, expect, it } from 'vitest';
import { extractLeadFeatures } from '../features/lead-features';
import { demoSnapshots } from '../testing/demo-snapshots';
import { buildLeadExamples } from '../training/training-examples';
import { trainLeadModel, type TrainedLeadModel } from '../training/train-lead-model';

/**
 * The accuracy bar, on demo data whose generator knows every lead's true probability: trained
 * on the older labelled leads, judged on the newest ones (the model's own held-out test split), the
 * model's ROC AUC is within 0.03 of the AUC of the true probabilities and its calibration error at
 * most 0.05. `medium` (≈13,000 labelled leads, ≈1,950 conversions) gives a test split of ≈2,600 leads,
 * enough for both figures to mean something; `small` has only ≈40 conversions there.
 */
describe('accuracy against the demo truth (medium, seed 42)', () => {
  let trained: TrainedLeadModel;
  let labels: number[];
  let modelP: Float64Array;
  let trueP: number[];

  beforeAll(() => {
    const { snapshots, truth, dataEnd } = demoSnapshots('medium', 42);
    trained = trainLeadModel(buildLeadExamples(snapshots.values(), { dataEnd }));
    const truthById = new Map(truth.leads.map((lead) => [lead.contact_id, lead]));
    const heldOut = trained.testContactIds.map((id) => truthById.get(id)!);
    // Every held-out lead is one whose outcome the truth knows: the label rule matches the truth's.
    expect(heldOut.every((lead) => lead.outcome_known)).toBe(true);
    labels = heldOut.map((lead) => (lead.converted ? 1 : 0));
    trueP = heldOut.map((lead) => lead.p_convert);
    modelP = predict(trained.artefact, heldOut.map((lead) => extractLeadFeatures(snapshots.get(lead.contact_id)!, Date.parse(lead.scored_at))));
  }, 180_000);

  it('ranks within 0.03 ROC AUC of the true probabilities and is calibrated to an ECE of at most 0.05', () => {
    const modelAuc = rocAuc(labels, modelP);
    const truthAuc = rocAuc(labels, trueP);
    const ece = expectedCalibrationError(labels, modelP);
    console.log(
      `lead model (${trained.metrics.learner}, ${trained.metrics.calibration}) on ${labels.length} held-out leads, ` +
        `${labels.filter((y) => y === 1).length} conversions: ROC AUC ${modelAuc.toFixed(4)} vs truth ${truthAuc.toFixed(4)} ` +
        `(gap ${(truthAuc - modelAuc).toFixed(4)}), ECE ${ece.toFixed(4)} (truth's own ${expectedCalibrationError(labels, trueP).toFixed(4)}), ` +
        `PR AUC ${trained.metrics.test.prAuc?.toFixed(4)}, Brier ${trained.metrics.test.brierScore?.toFixed(4)}, lift@10% ${trained.metrics.test.liftTopDecile?.toFixed(2)}`,
    );
    expect(modelAuc).toBeGreaterThanOrEqual(truthAuc - 0.03);
    expect(ece).toBeLessThanOrEqual(0.05);
  });

  it('reports the same figures in its own metrics (the test split is the held-out set above)', () => {
    expect(trained.metrics.test.count).toBe(labels.length);
    expect(trained.metrics.test.rocAuc).toBeCloseTo(rocAuc(labels, modelP), 10);
    expect(trained.metrics.test.expectedCalibrationError).toBeCloseTo(expectedCalibrationError(labels, modelP), 10);
  });
});
