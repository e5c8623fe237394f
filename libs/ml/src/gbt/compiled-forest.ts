import { treeDepth, type RegressionTree } from './regression-tree';

/**
 * Trees re-laid out for scoring many rows. Walking a tree node by node costs a mispredicted branch
 * at about every other step (~8 ns in V8). Here every tree is padded to a complete binary tree of
 * its own depth (children of k at 2k + 1 and 2k + 2), so a step is pure arithmetic,
 *   k = 2k + 1 + (+(x > threshold[k]) | (+(x !== x) & missingGoesRight[k])),
 * with no branch to mispredict: with four rows in flight, ~2.5× faster than the walk. Booleans
 * feed the arithmetic directly: a `cond ? 1 : 0` would compile back into a branch.
 * Padding nodes test `x > +Infinity`, false for every value including NaN, so they route left,
 * and every padded leaf repeats the value of the leaf it replaces.
 */
export interface CompiledForest {
  readonly treeCount: number;
  readonly depth: Int32Array;
  /** Per tree, start of its internal nodes in route/threshold. */
  readonly nodeOffset: Int32Array;
  /** Per tree, start of its 2^depth leaves in leafValue. */
  readonly leafOffset: Int32Array;
  /**
   * Per internal node, (feature · blockRows) << 1 | missingGoesRight: the offset of the feature's
   * values in a column-major block of `blockRows` rows, with the missing direction in bit 0 (one
   * load per step instead of two).
   */
  readonly route: Int32Array;
  readonly threshold: Float64Array;
  readonly leafValue: Float64Array;
}

/** Complete layouts grow as 2^depth; deeper trees than this are scored by the plain walk instead. */
export const MAX_COMPILED_DEPTH = 12;

export function compileForest(trees: readonly RegressionTree[], blockRows: number): CompiledForest | null {
  const depths = trees.map((tree) => treeDepth(tree));
  if (depths.some((d) => d > MAX_COMPILED_DEPTH)) return null;
  const nodeOffset = new Int32Array(trees.length);
  const leafOffset = new Int32Array(trees.length);
  let nodes = 0;
  let leaves = 0;
  depths.forEach((d, t) => {
    nodeOffset[t] = nodes;
    leafOffset[t] = leaves;
    nodes += 2 ** d - 1;
    leaves += 2 ** d;
  });
  const route = new Int32Array(nodes);
  const threshold = new Float64Array(nodes).fill(Infinity);
  const leafValue = new Float64Array(leaves);

  trees.forEach((tree, t) => {
    const depth = depths[t]!;
    const internal = 2 ** depth - 1;
    const place = (node: number, slot: number, level: number): void => {
      if (tree.feature[node]! < 0) {
        // The bottom-level descendants of slot s at level ℓ are slots (s + 1)·2^(depth−ℓ) − 1 onwards;
        // padding only ever reaches the first, but filling all of them keeps the table honest.
        const span = 2 ** (depth - level);
        const start = leafOffset[t]! + (slot + 1) * span - 1 - internal;
        leafValue.fill(tree.value[node]!, start, start + span);
        return;
      }
      const at = nodeOffset[t]! + slot;
      route[at] = ((tree.feature[node]! * blockRows) << 1) | (tree.defaultLeft[node] === 1 ? 0 : 1);
      threshold[at] = tree.threshold[node]!;
      place(tree.left[node]!, 2 * slot + 1, level + 1);
      place(tree.right[node]!, 2 * slot + 2, level + 1);
    };
    place(0, 0, 0);
  });
  return { treeCount: trees.length, depth: Int32Array.from(depths), nodeOffset, leafOffset, route, threshold, leafValue };
}
