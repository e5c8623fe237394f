import { describe, expect, it } from 'vitest';
import { levelStandardError } from '../calibration/level-standard-error';
import { syntheticCrmRows } from '../testing/synthetic-crm';
import { artefactToJSON, parseArtefact, serializeArtefact } from './artefact-json';
import { predict } from './score-model';
import { trainModel, type TrainModelOptions } from './train-model';

const options: TrainModelOptions = { kind: 'deal-win', target: 'converted', timeColumn: 'created_at', learners: ['logistic'], calibration: 'platt' };
const rows = syntheticCrmRows(6_000, 3).rows;

describe('deploying the calibrator refitted on the held-out rows', () => {
  const evaluatedOnly = trainModel(rows, options);
  const refitted = trainModel(rows, { ...options, recalibrateOn: 'held-out', levelWeight: { name: 'double', of: () => 2 } });

  it('keeps the metrics of the calibrator that never saw the test rows, and that calibrator beside the deployed one', () => {
    expect(refitted.metrics.test).toEqual(evaluatedOnly.metrics.test);
    expect(refitted.evaluatedCalibrator).toEqual(evaluatedOnly.calibrator);
    expect(refitted.calibrator).not.toEqual(evaluatedOnly.calibrator);
    expect(evaluatedOnly.evaluatedCalibrator).toBeUndefined();
    const { calibration, test } = refitted.metrics.split;
    expect(refitted.metrics.deployedCalibration).toMatchObject({ fittedOn: 'held-out', rows: calibration.rows + test.rows, levelWeightedBy: 'double' });
    expect(evaluatedOnly.metrics.deployedCalibration).toMatchObject({ fittedOn: 'calibration', rows: calibration.rows, levelWeightedBy: null });
  });

  it('pins the level down better with twice the rows (equal weights do not change the standard error)', () => {
    const refittedSe = refitted.metrics.deployedCalibration!.levelStandardError!;
    const evaluatedSe = evaluatedOnly.metrics.deployedCalibration!.levelStandardError!;
    expect(refittedSe).toBeLessThan(evaluatedSe * 0.8);
    expect(refittedSe).toBeGreaterThan(evaluatedSe * 0.6); // ≈ 1/√2
  });

  it('round-trips both calibrators through JSON and scores with the deployed one', () => {
    const back = parseArtefact(serializeArtefact(refitted));
    expect(artefactToJSON(back)).toEqual(artefactToJSON(refitted));
    expect([...predict(back, rows.slice(0, 50))]).toEqual([...predict(refitted, rows.slice(0, 50))]);
    const evaluated = predict({ ...refitted, calibrator: refitted.evaluatedCalibrator! }, rows.slice(0, 50));
    expect([...evaluated]).toEqual([...predict(evaluatedOnly, rows.slice(0, 50))]);
  });
});

describe('levelStandardError', () => {
  it('is 1/√Σp(1−p) with unit weights, larger when a few rows carry most of the weight, null without information', () => {
    const p = Array.from({ length: 400 }, (_, i) => 0.1 + (0.8 * i) / 399);
    const information = p.reduce((s, q) => s + q * (1 - q), 0);
    expect(levelStandardError(p)).toBeCloseTo(1 / Math.sqrt(information), 12);
    const skewed = p.map((_, i) => (i % 40 === 0 ? 100 : 1));
    expect(levelStandardError(p, skewed)!).toBeGreaterThan(2 * levelStandardError(p)!);
    expect(levelStandardError([0, 1, 1])).toBeNull();
    expect(levelStandardError([0.5, 0.5], [0, 0])).toBeNull();
  });
});
