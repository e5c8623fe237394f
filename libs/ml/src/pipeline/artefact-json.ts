import { encodedColumns } from '../dataset/feature-encoder';
import type { GbtModel } from '../gbt/gbt-model';
import type { RegressionTree } from '../gbt/regression-tree';
import { designWidth } from '../logistic/design-basis';
import type { LogisticModel } from '../logistic/logistic-model';
import { modelArtefactJsonSchema, type ModelArtefactJson, type TreeJson } from './artefact-schema';
import type { Learner } from './learner';
import type { ModelArtefact } from './model-artefact';

function treeToJson(tree: RegressionTree): TreeJson {
  return {
    feature: [...tree.feature],
    threshold: [...tree.threshold],
    defaultLeft: [...tree.defaultLeft].map((d) => (d === 1 ? 1 : 0)),
    left: [...tree.left],
    right: [...tree.right],
    value: [...tree.value],
    cover: [...tree.cover],
  };
}

/** Plain JSON (typed arrays become number arrays). JSON.stringify of the result round-trips every double exactly. */
export function artefactToJSON(artefact: ModelArtefact): ModelArtefactJson {
  const learner = artefact.learner;
  const json = {
    ...artefact,
    learner: learner.type === 'gbt' ? { ...learner, trees: learner.trees.map(treeToJson) } : learner,
  };
  // Deep copy through JSON, so the result shares nothing with the artefact and holds JSON values only.
  return JSON.parse(JSON.stringify(json)) as ModelArtefactJson;
}

function invalid(message: string): never {
  throw new RangeError(`invalid model artefact: ${message}`);
}

function treeFromJson(json: TreeJson, featureCount: number, index: number): RegressionTree {
  const size = json.feature.length;
  const where = `tree ${index}`;
  if (size === 0) invalid(`${where} has no nodes`);
  for (const key of ['threshold', 'defaultLeft', 'left', 'right', 'value', 'cover'] as const) {
    if (json[key].length !== size) invalid(`${where}: ${key} has ${json[key].length} entries, expected ${size}`);
  }
  for (let node = 0; node < size; node++) {
    const f = json.feature[node]!;
    if (f < 0) continue;
    if (f >= featureCount) invalid(`${where} node ${node} splits on feature ${f} of ${featureCount}`);
    // Children after their parent (pre-order) rules out cycles, so scoring always terminates.
    for (const child of [json.left[node]!, json.right[node]!]) {
      if (child <= node || child >= size) invalid(`${where} node ${node} has child ${child}`);
    }
  }
  return {
    feature: Int32Array.from(json.feature),
    threshold: Float64Array.from(json.threshold),
    defaultLeft: Uint8Array.from(json.defaultLeft),
    left: Int32Array.from(json.left),
    right: Int32Array.from(json.right),
    value: Float64Array.from(json.value),
    cover: Float64Array.from(json.cover),
  };
}

function checkLogistic(model: LogisticModel): void {
  const { basis, featureNames } = model;
  if (basis.terms.length !== featureNames.length) invalid('logistic basis has one term per feature');
  basis.terms.forEach((term, j) => {
    if (term.column !== j) invalid(`logistic term ${j} points at column ${term.column}`);
    if (term.basis === 'spline' && (term.knots?.length ?? 0) < 3) invalid(`spline term ${j} needs at least 3 knots`);
    if (term.basis === 'binned' && (term.cutPoints?.length ?? 0) < 1) invalid(`binned term ${j} needs cut points`);
  });
  for (const { columns } of basis.interactions) {
    if (columns.some((c) => c >= featureNames.length)) invalid(`interaction column out of range`);
  }
  const width = designWidth(basis);
  for (const key of ['coefficients', 'designMeans', 'designNames'] as const) {
    if (model[key].length !== width) invalid(`logistic ${key} has ${model[key].length} entries, design has ${width}`);
  }
}

/** Validates and rebuilds an artefact from `artefactToJSON` output (or its JSON.parse). */
export function artefactFromJSON(input: unknown): ModelArtefact {
  const parsed = modelArtefactJsonSchema.safeParse(input);
  if (!parsed.success) invalid(parsed.error.message);
  const json = parsed.data;
  let learner: Learner;
  if (json.learner.type === 'gbt') {
    const featureCount = json.learner.featureNames.length;
    learner = { ...json.learner, trees: json.learner.trees.map((t, i) => treeFromJson(t, featureCount, i)) } satisfies GbtModel;
  } else {
    learner = json.learner satisfies LogisticModel;
    checkLogistic(learner);
  }
  const encoded = encodedColumns(json.featureEncoder).map((c) => c.name);
  if (encoded.join('\u0000') !== learner.featureNames.join('\u0000')) invalid('encoder columns and learner features differ');
  for (const calibrator of [json.calibrator, json.evaluatedCalibrator]) {
    if (calibrator?.type !== 'isotonic') continue;
    const { x, y } = calibrator;
    if (x.length !== y.length) invalid('isotonic x and y differ in length');
    for (let k = 1; k < x.length; k++) if (!(x[k]! > x[k - 1]!) || y[k]! < y[k - 1]!) invalid('isotonic knots are not monotone');
  }
  return { ...json, learner };
}

export function serializeArtefact(artefact: ModelArtefact): string {
  return JSON.stringify(artefactToJSON(artefact));
}

export function parseArtefact(text: string): ModelArtefact {
  return artefactFromJSON(JSON.parse(text));
}
