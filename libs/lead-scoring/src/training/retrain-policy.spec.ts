import { describe, expect, it } from 'vitest';
import { retrainDecision } from './retrain-policy';

describe('retrain policy', () => {
  it('retrains once conversions grew by 20% or by 50, and not before', () => {
    expect(retrainDecision(100, 119, true).retrain).toBe(false);
    expect(retrainDecision(100, 120, true)).toMatchObject({ retrain: true, reason: expect.stringMatching(/grew 20%/) });
    expect(retrainDecision(400, 449, true).retrain).toBe(false);
    expect(retrainDecision(400, 450, true)).toMatchObject({ retrain: true, reason: expect.stringMatching(/50 new/) });
    expect(retrainDecision(100, 90, true).retrain).toBe(false);
  });

  it('trains a first model as soon as the data suffices, and not before', () => {
    expect(retrainDecision(null, 49, false).retrain).toBe(false);
    expect(retrainDecision(null, 50, true).retrain).toBe(true);
  });
});
