import type { GbtModel } from './gbt-model';
import { childFor, isLeaf, treeDepth, treeExpectedValue, type RegressionTree } from './regression-tree';
import { addTableShap, compileShapTables, type ShapTables } from './tree-shap-tables';

/**
 * Path-dependent TreeSHAP (Lundberg, Erion & Lee 2018, "Consistent individualized feature
 * attribution for tree ensembles", Algorithm 2), ported from the reference implementation.
 * Exact Shapley values of the game v(S) = E[f(x) | x_S], where the expectation over features
 * outside S follows the training cover of each branch. Hence, per row,
 * bias + Σ contributions = margin, with bias = initial margin + Σ_trees cover-weighted mean leaf.
 */

/** One buffer holds every recursion level's copy of the path (level k starts after level k-1's). */
interface PathBuffer {
  readonly feature: Int32Array;
  readonly zeroFraction: Float64Array;
  readonly oneFraction: Float64Array;
  readonly weight: Float64Array;
}

/** The child the explained row goes to at an internal node. */
type HotChild = (node: number) => number;

function createPathBuffer(maxDepth: number): PathBuffer {
  const size = ((maxDepth + 2) * (maxDepth + 3)) / 2 + maxDepth + 3;
  return {
    feature: new Int32Array(size),
    zeroFraction: new Float64Array(size),
    oneFraction: new Float64Array(size),
    weight: new Float64Array(size),
  };
}

function extendPath(p: PathBuffer, at: number, depth: number, zero: number, one: number, feature: number): void {
  p.feature[at + depth] = feature;
  p.zeroFraction[at + depth] = zero;
  p.oneFraction[at + depth] = one;
  p.weight[at + depth] = depth === 0 ? 1 : 0;
  for (let i = depth - 1; i >= 0; i--) {
    p.weight[at + i + 1] += (one * p.weight[at + i]! * (i + 1)) / (depth + 1);
    p.weight[at + i] = (zero * p.weight[at + i]! * (depth - i)) / (depth + 1);
  }
}

function unwindPath(p: PathBuffer, at: number, depth: number, pathIndex: number): void {
  const one = p.oneFraction[at + pathIndex]!;
  const zero = p.zeroFraction[at + pathIndex]!;
  let next = p.weight[at + depth]!;
  for (let i = depth - 1; i >= 0; i--) {
    if (one !== 0) {
      const previous = p.weight[at + i]!;
      p.weight[at + i] = (next * (depth + 1)) / ((i + 1) * one);
      next = previous - (p.weight[at + i]! * zero * (depth - i)) / (depth + 1);
    } else {
      p.weight[at + i] = (p.weight[at + i]! * (depth + 1)) / (zero * (depth - i));
    }
  }
  for (let i = pathIndex; i < depth; i++) {
    p.feature[at + i] = p.feature[at + i + 1]!;
    p.zeroFraction[at + i] = p.zeroFraction[at + i + 1]!;
    p.oneFraction[at + i] = p.oneFraction[at + i + 1]!;
  }
}

/** Total permutation weight of the path with element pathIndex removed, without modifying it. */
function unwoundPathSum(p: PathBuffer, at: number, depth: number, pathIndex: number): number {
  const one = p.oneFraction[at + pathIndex]!;
  const zero = p.zeroFraction[at + pathIndex]!;
  let next = p.weight[at + depth]!;
  let total = 0;
  if (one !== 0) {
    for (let i = depth - 1; i >= 0; i--) {
      const share = next / ((i + 1) * one);
      total += share;
      next = p.weight[at + i]! - share * zero * (depth - i);
    }
  } else {
    for (let i = depth - 1; i >= 0; i--) total += p.weight[at + i]! / (zero * (depth - i));
  }
  return total * (depth + 1);
}

function recurse(
  tree: RegressionTree,
  hotOf: HotChild,
  phi: Float64Array,
  p: PathBuffer,
  node: number,
  depth: number,
  parentAt: number,
  parentZero: number,
  parentOne: number,
  parentFeature: number,
): void {
  const at = parentAt + depth + 1;
  p.feature.copyWithin(at, parentAt, parentAt + depth + 1);
  p.zeroFraction.copyWithin(at, parentAt, parentAt + depth + 1);
  p.oneFraction.copyWithin(at, parentAt, parentAt + depth + 1);
  p.weight.copyWithin(at, parentAt, parentAt + depth + 1);
  extendPath(p, at, depth, parentZero, parentOne, parentFeature);

  if (isLeaf(tree, node)) {
    const leafValue = tree.value[node]!;
    for (let i = 1; i <= depth; i++) {
      const w = unwoundPathSum(p, at, depth, i);
      phi[p.feature[at + i]!] += w * (p.oneFraction[at + i]! - p.zeroFraction[at + i]!) * leafValue;
    }
    return;
  }

  const split = tree.feature[node]!;
  const hot = hotOf(node);
  const cold = hot === tree.left[node] ? tree.right[node]! : tree.left[node]!;
  const cover = tree.cover[node]!;
  let incomingZero = 1;
  let incomingOne = 1;
  // A feature already on the path is unwound and re-entered, so each feature appears once.
  let pathIndex = 0;
  while (pathIndex <= depth && p.feature[at + pathIndex] !== split) pathIndex++;
  let nextDepth = depth;
  if (pathIndex <= depth) {
    incomingZero = p.zeroFraction[at + pathIndex]!;
    incomingOne = p.oneFraction[at + pathIndex]!;
    unwindPath(p, at, depth, pathIndex);
    nextDepth -= 1;
  }
  recurse(tree, hotOf, phi, p, hot, nextDepth + 1, at, (tree.cover[hot]! / cover) * incomingZero, incomingOne, split);
  recurse(tree, hotOf, phi, p, cold, nextDepth + 1, at, (tree.cover[cold]! / cover) * incomingZero, 0, split);
}

/** Adds one tree's SHAP values for feature vector x to phi (one slot per feature). */
export function addTreeShap(tree: RegressionTree, x: ArrayLike<number>, phi: Float64Array, buffer?: PathBuffer): void {
  addTreeShapWith(tree, (node) => childFor(tree, node, x[tree.feature[node]!]!), phi, buffer);
}

/**
 * The same for a row known only by the child it takes at each internal node: the algorithm reads
 * the row through nothing else, which is what lets small trees be tabulated (tree-shap-tables.ts).
 */
export function addTreeShapWith(tree: RegressionTree, hotOf: HotChild, phi: Float64Array, buffer?: PathBuffer): void {
  const p = buffer ?? createPathBuffer(treeDepth(tree));
  // The root's pseudo-element (feature -1) sits at offset 0; the root's own path starts at 1.
  recurse(tree, hotOf, phi, p, 0, 0, 0, 1, 1, -1);
}

export interface TreeContributions {
  /** Expected margin over the training cover: the contribution of "no feature known". */
  readonly bias: number;
  /** One contribution per feature column, in log-odds. */
  readonly contributions: Float64Array;
}

export function gbtExpectedMargin(model: GbtModel): number {
  let bias = model.initialMargin;
  for (const tree of model.trees) bias += treeExpectedValue(tree);
  return bias;
}

const shapTables = new WeakMap<GbtModel, ShapTables>();

/**
 * SHAP values of one feature vector (a row of the encoded matrix). Small trees (the shallow ones
 * lead models use) add a tabulated result for the row's split outcomes; larger ones run the
 * recursion. Both give the same exact values.
 */
export function gbtContributions(model: GbtModel, x: ArrayLike<number>): TreeContributions {
  if (x.length !== model.featureNames.length) {
    throw new RangeError(`model expects ${model.featureNames.length} features, row has ${x.length}`);
  }
  let tables = shapTables.get(model);
  if (!tables) shapTables.set(model, (tables = compileShapTables(model.trees, addTreeShapWith, model.featureNames.length)));
  const phi = new Float64Array(model.featureNames.length);
  let buffer: PathBuffer | undefined;
  for (let t = 0; t < model.trees.length; t++) {
    const table = tables.trees[t];
    if (table) addTableShap(table, x, phi);
    else addTreeShap(model.trees[t]!, x, phi, (buffer ??= createPathBuffer(tables.maxDepth)));
  }
  return { bias: gbtExpectedMargin(model), contributions: phi };
}
