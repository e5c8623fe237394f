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
 * An explanation as numbers: one calibrated contribution per source feature (in the encoder's
 * order, `explanationSources`), then one per extra term. What batch scoring sums into its own groups
 * without an object per feature.
 */
export interface SourceExplanation {
  readonly bias: number;
  /** Source features first, then `extraNames`' terms. */
  readonly contributions: Float64Array;
  readonly extraNames: readonly string[];
  readonly logit: number;
  readonly probability: number;
}

/** The source features of an artefact's explanations, in `SourceExplanation.contributions` order. */
export function explanationSources(artefact: ModelArtefact): readonly string[] {
  return artefact.featureEncoder.features.map((f) => f.name);
}

/**
 * Explanations of many rows as numbers: the rows are encoded and their margins predicted in one
 * pass (the compiled forest scores blocks of rows), then each row is decomposed.
 */
export function explainManyBySource(artefact: ModelArtefact, rows: readonly FeatureRow[]): SourceExplanation[] {
  const matrix = encodeRows(artefact.featureEncoder, rows);
  const margins = learnerMargins(artefact.learner, matrix);
  const sources = explanationSources(artefact);
  const sourceIndex = new Map(sources.map((name, k) => [name, k]));
  const sourceOfColumn = Int32Array.from(encodedColumns(artefact.featureEncoder), (column) => sourceIndex.get(column.source)!);
  const explanations: SourceExplanation[] = new Array(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const margin = margins[r]!;
    const raw = learnerContributions(artefact.learner, matrixRow(matrix, r));
    // Aggregate in raw space first (sources, then extra terms), and calibrate the aggregated vector.
    const aggregated = new Float64Array(sources.length + raw.extra.length);
    for (let j = 0; j < sourceOfColumn.length; j++) aggregated[sourceOfColumn[j]!] += raw.byColumn[j]!;
    for (let k = 0; k < raw.extra.length; k++) aggregated[sources.length + k] = raw.extra[k]!.contribution;
    const calibrated = calibrateContributions(artefact.calibrator, raw.bias, margin, aggregated);
    explanations[r] = {
      bias: calibrated.bias,
      contributions: calibrated.contributions,
      extraNames: raw.extra.map((term) => term.name),
      logit: calibrated.logit,
      probability: calibratedProbability(artefact.calibrator, margin),
    };
  }
  return explanations;
}

/** `explain` for many rows at once, each contribution named and with the row's value. */
export function explainMany(artefact: ModelArtefact, rows: readonly FeatureRow[]): Explanation[] {
  const sources = explanationSources(artefact);
  return explainManyBySource(artefact, rows).map((explanation, r) => {
    const row = rows[r]!;
    const values = explanation.contributions;
    const contributions: FeatureContribution[] = [
      ...sources.map((feature, k) => ({ feature, value: displayValue(row[feature]), contribution: values[k]! })),
      ...explanation.extraNames.map((feature, k) => ({ feature, value: null, contribution: values[sources.length + k]! })),
    ];
    contributions.sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution));
    return { bias: explanation.bias, contributions, logit: explanation.logit, probability: explanation.probability };
  });
}
