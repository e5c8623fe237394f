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
  return explainMany(artefact, [row])[0]!;
}

/**
 * `explain` for many rows at once: the rows are encoded and their margins predicted in one pass
 * (the compiled forest scores blocks of rows), then each row is decomposed. For batch scoring.
 */
export function explainMany(artefact: ModelArtefact, rows: readonly FeatureRow[]): Explanation[] {
  const matrix = encodeRows(artefact.featureEncoder, rows);
  const margins = learnerMargins(artefact.learner, matrix);
  const sources = artefact.featureEncoder.features.map((f) => f.name);
  const sourceIndex = new Map(sources.map((name, k) => [name, k]));
  const sourceOfColumn = Int32Array.from(encodedColumns(artefact.featureEncoder), (column) => sourceIndex.get(column.source)!);
  return rows.map((row, r) => explainEncoded(artefact, row, matrixRow(matrix, r), margins[r]!, sources, sourceOfColumn));
}

function explainEncoded(
  artefact: ModelArtefact, row: FeatureRow, x: ArrayLike<number>, margin: number, sources: readonly string[], sourceOfColumn: Int32Array,
): Explanation {
  const raw = learnerContributions(artefact.learner, x);

  // Aggregate in raw space first (sources, then extra terms), and calibrate the aggregated vector.
  const aggregated = new Float64Array(sources.length + raw.extra.length);
  for (let j = 0; j < sourceOfColumn.length; j++) aggregated[sourceOfColumn[j]!] += raw.byColumn[j]!;
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
