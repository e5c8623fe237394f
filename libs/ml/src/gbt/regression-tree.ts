import type { FeatureValues } from '../dataset/feature-matrix';
import { MISSING_BIN } from './binning';

const MISSING = MISSING_BIN;

/**
 * One tree as flat parallel arrays (node 0 is the root): compact, fast to walk and trivially
 * serialisable. A finite x goes left when `x <= threshold`; a missing (non-finite) x follows
 * `defaultLeft`, the direction learnt for missing values when the split was chosen.
 */
export interface RegressionTree {
  /** Split column per node; -1 marks a leaf. */
  readonly feature: Int32Array;
  readonly threshold: Float64Array;
  readonly defaultLeft: Uint8Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  /** Leaf output in log-odds, learning rate already applied; 0 on internal nodes. */
  readonly value: Float64Array;
  /** Training rows (of the tree's row sample) that reached the node: TreeSHAP's weights. */
  readonly cover: Float64Array;
}

export function isLeaf(tree: RegressionTree, node: number): boolean {
  return tree.feature[node]! < 0;
}

/** The child a value goes to; `x - x === 0` is the cheapest finiteness test (NaN and ±Infinity fail it). */
export function childFor(tree: RegressionTree, node: number, x: number): number {
  if (x - x === 0) return x <= tree.threshold[node]! ? tree.left[node]! : tree.right[node]!;
  return tree.defaultLeft[node] === 1 ? tree.left[node]! : tree.right[node]!;
}

/** Adds the tree's output for rows [rowStart, rowEnd) of a column-major matrix to `out`. */
export function addTreeOutputs(
  tree: RegressionTree,
  values: FeatureValues,
  rowCount: number,
  out: Float64Array,
  rowStart = 0,
  rowEnd = rowCount,
): void {
  const { feature, threshold, defaultLeft, left, right, value } = tree;
  for (let r = rowStart; r < rowEnd; r++) {
    let node = 0;
    let f = feature[0]!;
    while (f >= 0) {
      const x = values[f * rowCount + r]!;
      node = x - x === 0 ? (x <= threshold[node]! ? left[node]! : right[node]!) : defaultLeft[node] === 1 ? left[node]! : right[node]!;
      f = feature[node]!;
    }
    out[r] += value[node]!;
  }
}

/** Same walk on column-major bin codes, used during training; `splitBin[node]` is the bin threshold of the split. */
export function addTreeOutputsBinned(
  tree: RegressionTree,
  splitBin: Int32Array,
  binsByColumn: Uint8Array,
  rowCount: number,
  out: Float64Array,
): void {
  const { feature, defaultLeft, left, right, value } = tree;
  for (let r = 0; r < rowCount; r++) {
    let node = 0;
    let f = feature[0]!;
    while (f >= 0) {
      const b = binsByColumn[f * rowCount + r]!;
      node = b === MISSING ? (defaultLeft[node] === 1 ? left[node]! : right[node]!) : b <= splitBin[node]! ? left[node]! : right[node]!;
      f = feature[node]!;
    }
    out[r] += value[node]!;
  }
}

/** Cover-weighted mean output of the tree: what TreeSHAP attributes to no feature. */
export function treeExpectedValue(tree: RegressionTree): number {
  let total = 0;
  for (let node = 0; node < tree.feature.length; node++) {
    if (isLeaf(tree, node)) total += tree.value[node]! * tree.cover[node]!;
  }
  return total / tree.cover[0]!;
}

export function treeDepth(tree: RegressionTree, node = 0): number {
  if (isLeaf(tree, node)) return 0;
  return 1 + Math.max(treeDepth(tree, tree.left[node]!), treeDepth(tree, tree.right[node]!));
}
