import type { FeatureMatrix } from '../dataset/feature-matrix';
import { predictGbtMargins, type GbtModel } from '../gbt/gbt-model';
import { gbtContributions } from '../gbt/tree-shap';
import { logisticContributions, predictLogisticMargins, type LogisticModel } from '../logistic/logistic-model';

export type Learner = GbtModel | LogisticModel;
export type LearnerType = Learner['type'];

/** Raw (uncalibrated) log-odds for every row. */
export function learnerMargins(learner: Learner, matrix: FeatureMatrix): Float64Array {
  return learner.type === 'gbt' ? predictGbtMargins(learner, matrix) : predictLogisticMargins(learner, matrix);
}

export interface LearnerContributions {
  readonly bias: number;
  /** One per encoded column. */
  readonly byColumn: Float64Array;
  /** Contributions that belong to no single column (logistic interaction terms). */
  readonly extra: readonly { readonly name: string; readonly contribution: number }[];
}

/** Exact decomposition of one row's margin: bias + Σ byColumn + Σ extra = margin. */
export function learnerContributions(learner: Learner, x: ArrayLike<number>): LearnerContributions {
  if (learner.type === 'gbt') {
    const { bias, contributions } = gbtContributions(learner, x);
    return { bias, byColumn: contributions, extra: [] };
  }
  const { bias, contributions, interactions } = logisticContributions(learner, x);
  return { bias, byColumn: contributions, extra: interactions };
}
