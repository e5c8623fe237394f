import { calibrateContributions } from '../calibration/calibrated-contributions';
import { calibratedProbability } from '../calibration/calibrator';
import { encodeRows } from '../dataset/encode-rows';
import type { FeatureRow, FeatureValue } from '../dataset/feature-encoder';
import { encodedColumns } from '../dataset/feature-encoder';
import { matrixRow } from '../dataset/feature-matrix';
import { learnerContributions, learnerMargins } from './learner';
import type { ModelArtefact } from './model-artefact';

/** Calibrated probabilities, one per row. */
export function predict(artefact: ModelArtefact, rows: readonly FeatureRow[]): Float64Array {
  const matrix = encodeRows(artefact.featureEncoder, rows);
  const margins = learnerMargins(artefact.learner, matrix);
  for (let i = 0; i < margins.length; i++) margins[i] = calibratedProbability(artefact.calibrator, margins[i]!);
  return margins;
}

export interface FeatureContribution {
  /** Source feature (one-hot columns of a categorical are summed back into it), or an interaction `a × b`. */
  readonly feature: string;
  /** The row's raw value of the feature; null for missing values and interactions. */
  readonly value: string | number | boolean | null;
  /** Share of the calibrated log-odds. */
  readonly contribution: number;
}

/** bias + Σ contributions = logit = log(probability / (1 − probability)), in calibrated log-odds. */
export interface Explanation {
  readonly bias: number;
  /** Largest absolute contribution first. */
  readonly contributions: readonly FeatureContribution[];
  readonly logit: number;
  readonly probability: number;
}

function displayValue(value: FeatureValue): string | number | boolean | null {
  if (value === undefined || value === null) return null;
  return value instanceof Date ? value.toISOString() : value;
}

export function explain(artefact: ModelArtefact, row: FeatureRow): Explanation {
  const matrix = encodeRows(artefact.featureEncoder, [row]);
  const x = matrixRow(matrix, 0);
  const margin = learnerMargins(artefact.learner, matrix)[0]!;
  const raw = learnerContributions(artefact.learner, x);

  // Aggregate in raw space first (sources, then extra terms), and calibrate the aggregated vector.
  const sources = artefact.featureEncoder.features.map((f) => f.name);
  const sourceIndex = new Map(sources.map((name, k) => [name, k]));
  const aggregated = new Float64Array(sources.length + raw.extra.length);
  encodedColumns(artefact.featureEncoder).forEach((column, j) => {
    aggregated[sourceIndex.get(column.source)!] += raw.byColumn[j]!;
  });
  raw.extra.forEach((term, k) => (aggregated[sources.length + k] = term.contribution));

  const calibrated = calibrateContributions(artefact.calibrator, raw.bias, margin, aggregated);
  const contributions: FeatureContribution[] = [
    ...sources.map((feature, k) => ({ feature, value: displayValue(row[feature]), contribution: calibrated.contributions[k]! })),
    ...raw.extra.map((term, k) => ({ feature: term.name, value: null, contribution: calibrated.contributions[sources.length + k]! })),
  ];
  contributions.sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution));
  return {
    bias: calibrated.bias,
    contributions,
    logit: calibrated.logit,
    probability: calibratedProbability(artefact.calibrator, margin),
  };
}
