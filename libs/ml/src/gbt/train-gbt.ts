import type { FeatureMatrix } from '../dataset/feature-matrix';
import { logit, marginLogLoss, sigmoid, toBinaryLabels } from '../math/logistic-functions';
import { createSeededRandom, sampleWithoutReplacement, type SeededRandom } from '../random/seeded-random';
import { binMatrix } from './binning';
import { checkFeatureCount, DEFAULT_GBT_PARAMS, type GbtModel, type GbtParams } from './gbt-model';
import { createGrowthWorkspace, growTree } from './grow-tree';
import { addTreeOutputs, addTreeOutputsBinned, type RegressionTree } from './regression-tree';

export interface LabelledMatrix {
  readonly matrix: FeatureMatrix;
  readonly labels: ArrayLike<number>;
}

export interface GbtTrainingOptions {
  readonly params?: Partial<GbtParams>;
  /** Enables early stopping: boosting stops when its log loss has not improved for `earlyStoppingRounds`. */
  readonly validation?: LabelledMatrix;
}

export interface GbtTrainingResult {
  readonly model: GbtModel;
  /** Log loss after each round (index 0 = after the first tree), on training and validation rows. */
  readonly trainLogLoss: readonly number[];
  readonly validationLogLoss: readonly number[];
  /** Number of trees kept: the round with the best validation log loss, or all rounds without validation. */
  readonly bestIteration: number;
}

function validateParams(p: GbtParams): void {
  const bad = (name: string, why: string): never => {
    throw new RangeError(`GBT parameter ${name} ${why}`);
  };
  if (!Number.isInteger(p.numTrees) || p.numTrees < 1) bad('numTrees', 'must be a positive integer');
  if (!(p.learningRate > 0)) bad('learningRate', 'must be > 0');
  if (!Number.isInteger(p.maxDepth) || p.maxDepth < 1 || p.maxDepth > 16) bad('maxDepth', 'must be an integer in [1, 16]');
  if (!Number.isInteger(p.minSamplesLeaf) || p.minSamplesLeaf < 1) bad('minSamplesLeaf', 'must be a positive integer');
  if (!(p.l2 >= 0)) bad('l2', 'must be >= 0');
  if (!(p.subsample > 0 && p.subsample <= 1)) bad('subsample', 'must be in (0, 1]');
  if (!(p.featureFraction > 0 && p.featureFraction <= 1)) bad('featureFraction', 'must be in (0, 1]');
  if (!Number.isInteger(p.earlyStoppingRounds) || p.earlyStoppingRounds < 0) bad('earlyStoppingRounds', 'must be an integer >= 0');
}

function sampleRows(random: SeededRandom, n: number, fraction: number, out: Uint32Array): number {
  if (fraction >= 1) {
    for (let i = 0; i < n; i++) out[i] = i;
    return n;
  }
  // Bernoulli draws keep rows ascending, which keeps histogram column reads sequential.
  let m = 0;
  for (let i = 0; i < n; i++) if (random.next() < fraction) out[m++] = i;
  return m;
}

function sampleFeatures(random: SeededRandom, count: number, fraction: number): Int32Array {
  if (fraction >= 1) return Int32Array.from({ length: count }, (_, j) => j);
  return sampleWithoutReplacement(random, count, Math.max(1, Math.round(count * fraction)));
}

export function trainGbt(train: FeatureMatrix, trainLabels: ArrayLike<number>, options: GbtTrainingOptions = {}): GbtTrainingResult {
  const params: GbtParams = { ...DEFAULT_GBT_PARAMS, ...options.params };
  validateParams(params);
  const n = train.rowCount;
  const labels = toBinaryLabels(trainLabels);
  if (labels.length !== n) throw new RangeError(`${labels.length} labels for ${n} rows`);
  if (n === 0) throw new RangeError('cannot train on zero rows');
  const validation = options.validation;
  const validLabels = validation ? toBinaryLabels(validation.labels) : null;
  if (validation) {
    checkFeatureCount({ featureNames: train.columns.map((c) => c.name) }, validation.matrix);
    if (validLabels!.length !== validation.matrix.rowCount) throw new RangeError('validation labels and rows differ in length');
  }

  const random = createSeededRandom(params.seed);
  const data = binMatrix(train, params.maxBins, random);
  let positives = 0;
  for (let i = 0; i < n; i++) positives += labels[i]!;
  const initialMargin = logit(positives / n);

  const margins = new Float64Array(n).fill(initialMargin);
  const validMargins = validation ? new Float64Array(validation.matrix.rowCount).fill(initialMargin) : null;
  const grad = new Float64Array(n);
  const hess = new Float64Array(n);
  const rows = new Uint32Array(n);
  const workspace = createGrowthWorkspace(data.featureCount, n, params.maxDepth);
  const trees: RegressionTree[] = [];
  const gains: Float64Array[] = [];
  const trainLogLoss: number[] = [];
  const validationLogLoss: number[] = [];
  let bestIteration = 0;
  let bestValidLoss = Infinity;
  const randomised = params.subsample < 1 || params.featureFraction < 1;

  for (let round = 0; round < params.numTrees; round++) {
    for (let i = 0; i < n; i++) {
      const p = sigmoid(margins[i]!);
      grad[i] = p - labels[i]!;
      // Floor keeps leaf values finite when every row in a leaf is predicted with certainty.
      hess[i] = Math.max(p * (1 - p), 1e-16);
    }
    const rowCount = sampleRows(random, n, params.subsample, rows);
    const features = sampleFeatures(random, data.featureCount, params.featureFraction);
    const grown = growTree(data, grad, hess, rows, rowCount, features, params, workspace);
    trees.push(grown.tree);
    gains.push(grown.gainByFeature);
    if (rowCount === n) {
      // Every row was in the tree's sample, so growth already sorted the rows into leaves.
      const { leafRows } = grown;
      for (let k = 0; k < leafRows.length; k += 3) {
        const value = grown.tree.value[leafRows[k]!]!;
        for (let i = leafRows[k + 1]!; i < leafRows[k + 2]!; i++) margins[rows[i]!] += value;
      }
    } else {
      addTreeOutputsBinned(grown.tree, grown.splitBin, data.binsByColumn, n, margins);
    }

    let loss = 0;
    for (let i = 0; i < n; i++) loss += marginLogLoss(labels[i]!, margins[i]!);
    trainLogLoss.push(loss / n);

    if (validation && validMargins && validLabels) {
      const vn = validation.matrix.rowCount;
      addTreeOutputs(grown.tree, validation.matrix.values, vn, validMargins);
      let vLoss = 0;
      for (let i = 0; i < vn; i++) vLoss += marginLogLoss(validLabels[i]!, validMargins[i]!);
      vLoss /= vn;
      validationLogLoss.push(vLoss);
      if (vLoss < bestValidLoss) {
        bestValidLoss = vLoss;
        bestIteration = round + 1;
      } else if (params.earlyStoppingRounds > 0 && round + 1 - bestIteration >= params.earlyStoppingRounds) {
        break;
      }
    } else {
      bestIteration = round + 1;
    }
    // A lone leaf means no split passes the constraints; without sampling every later round would repeat it.
    if (grown.tree.feature.length === 1 && !randomised) break;
  }

  const kept = trees.slice(0, bestIteration);
  const gainImportance = new Array<number>(data.featureCount).fill(0);
  for (const g of gains.slice(0, bestIteration)) for (let j = 0; j < g.length; j++) gainImportance[j]! += g[j]!;
  const model: GbtModel = {
    type: 'gbt',
    featureNames: train.columns.map((c) => c.name),
    initialMargin,
    trees: kept,
    params,
    gainImportance,
  };
  return { model, trainLogLoss, validationLogLoss, bestIteration };
}
