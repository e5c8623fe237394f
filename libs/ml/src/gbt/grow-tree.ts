import { MISSING_BIN, type BinnedDataset } from './binning';
import type { RegressionTree } from './regression-tree';

// Module-local copy: some CommonJS transpilations read an imported const through a getter on every access.
const MISSING = MISSING_BIN;

export interface TreeGrowthParams {
  readonly maxDepth: number;
  readonly minSamplesLeaf: number;
  readonly minChildWeight: number;
  readonly l2: number;
  readonly minSplitGain: number;
  readonly learningRate: number;
}

/** Histogram layout: per feature 256 bins (255 real + missing) × (gradient sum, hessian sum, row count). */
const STRIDE = 3;
const FEATURE_SPAN = 256 * STRIDE;

/** Buffers reused across trees: allocation inside the boosting loop would dominate small trees. */
export interface GrowthWorkspace {
  /** Two histograms per depth (left and right child): the right child's survives while the left subtree grows. */
  readonly histograms: Float64Array[];
  readonly partitionScratch: Uint32Array;
  readonly goesLeft: Uint8Array;
}

export function createGrowthWorkspace(featureCount: number, rowCount: number, maxDepth: number): GrowthWorkspace {
  return {
    histograms: Array.from({ length: 2 * (maxDepth + 1) }, () => new Float64Array(featureCount * FEATURE_SPAN)),
    partitionScratch: new Uint32Array(rowCount),
    goesLeft: new Uint8Array(256),
  };
}

export interface GrownTree {
  readonly tree: RegressionTree;
  /** Bin threshold of each split (-1 on leaves), for walking the tree on bin codes during training. */
  readonly splitBin: Int32Array;
  /** Total split gain per feature in this tree. */
  readonly gainByFeature: Float64Array;
  /** Triples (leaf node, start, end): the leaf's rows are rows[start, end) after growth. */
  readonly leafRows: Int32Array;
}

interface Split {
  feature: number;
  bin: number;
  defaultLeft: boolean;
  gain: number;
  leftGrad: number;
  leftHess: number;
  leftCount: number;
}

/** Sums gradients, hessians and counts per (feature, bin) over rows[start, end). */
export function buildHistogram(
  hist: Float64Array,
  data: BinnedDataset,
  rows: Uint32Array,
  start: number,
  end: number,
  grad: Float64Array,
  hess: Float64Array,
  features: Int32Array,
): void {
  const featureCount = data.featureCount;
  const bins = data.bins;
  const active = features.length;
  for (let k = 0; k < active; k++) hist.fill(0, features[k]! * FEATURE_SPAN, (features[k]! + 1) * FEATURE_SPAN);
  if (active === featureCount) {
    // The common case gets its own loop: the indirection through `features` costs ~20%.
    for (let i = start; i < end; i++) {
      const r = rows[i]!;
      const g = grad[r]!;
      const h = hess[r]!;
      const rowBase = r * featureCount;
      for (let f = 0; f < featureCount; f++) {
        const o = f * FEATURE_SPAN + bins[rowBase + f]! * STRIDE;
        hist[o] += g;
        hist[o + 1] += h;
        hist[o + 2] += 1;
      }
    }
    return;
  }
  for (let i = start; i < end; i++) {
    const r = rows[i]!;
    const g = grad[r]!;
    const h = hess[r]!;
    const rowBase = r * featureCount;
    for (let k = 0; k < active; k++) {
      const f = features[k]!;
      const o = f * FEATURE_SPAN + bins[rowBase + f]! * STRIDE;
      hist[o] += g;
      hist[o + 1] += h;
      hist[o + 2] += 1;
    }
  }
}

/** The larger child's histogram is the parent's minus the smaller child's: half the row scans. */
function subtractHistogram(out: Float64Array, parent: Float64Array, child: Float64Array, features: Int32Array): void {
  for (let k = 0; k < features.length; k++) {
    const base = features[k]! * FEATURE_SPAN;
    for (let o = base; o < base + FEATURE_SPAN; o++) out[o] = parent[o]! - child[o]!;
  }
}

function findBestSplit(
  hist: Float64Array,
  data: BinnedDataset,
  features: Int32Array,
  totalGrad: number,
  totalHess: number,
  totalCount: number,
  params: TreeGrowthParams,
): Split | null {
  const { l2, minSamplesLeaf, minChildWeight } = params;
  const parentScore = (totalGrad * totalGrad) / (totalHess + l2);
  let best: Split | null = null;
  let bestGain = params.minSplitGain;
  const consider = (feature: number, bin: number, defaultLeft: boolean, gL: number, hL: number, cL: number): void => {
    const gR = totalGrad - gL;
    const hR = totalHess - hL;
    const cR = totalCount - cL;
    if (cL < minSamplesLeaf || cR < minSamplesLeaf || hL < minChildWeight || hR < minChildWeight) return;
    const gain = (gL * gL) / (hL + l2) + (gR * gR) / (hR + l2) - parentScore;
    // Strictly greater: ties keep the earlier feature and lower threshold, so growth is deterministic.
    if (gain > bestGain) {
      bestGain = gain;
      best = { feature, bin, defaultLeft, gain, leftGrad: gL, leftHess: hL, leftCount: cL };
    }
  };
  for (let k = 0; k < features.length; k++) {
    const f = features[k]!;
    const binCount = data.upperBounds[f]!.length;
    const base = f * FEATURE_SPAN;
    const missing = base + MISSING * STRIDE;
    const gM = hist[missing]!;
    const hM = hist[missing + 1]!;
    const cM = hist[missing + 2]!;
    // With missing values present, "all present values left, missing right" is a split of its own.
    const lastBin = cM > 0 ? binCount - 1 : binCount - 2;
    let gL = 0;
    let hL = 0;
    let cL = 0;
    for (let b = 0; b <= lastBin; b++) {
      const o = base + b * STRIDE;
      if (hist[o + 2] === 0 && b < lastBin) continue; // an empty bin repeats the previous split
      gL += hist[o]!;
      hL += hist[o + 1]!;
      cL += hist[o + 2]!;
      if (totalCount - cL < minSamplesLeaf) break; // the right side only shrinks from here
      consider(f, b, false, gL, hL, cL);
      if (cM > 0 && b < binCount - 1) consider(f, b, true, gL + gM, hL + hM, cL + cM);
    }
  }
  return best;
}

function partitionRows(
  data: BinnedDataset,
  rows: Uint32Array,
  start: number,
  end: number,
  split: Split,
  defaultLeft: boolean,
  workspace: GrowthWorkspace,
): number {
  const column = data.binsByColumn.subarray(split.feature * data.rowCount, (split.feature + 1) * data.rowCount);
  // A per-bin lookup makes the loop branch-free; the branchy version mispredicts about half the time.
  const goesLeft = workspace.goesLeft;
  goesLeft.fill(0);
  goesLeft.fill(1, 0, split.bin + 1);
  goesLeft[MISSING] = defaultLeft ? 1 : 0;
  const scratch = workspace.partitionScratch;
  let write = start;
  let spilled = 0;
  // Stable: both sides keep ascending row order, which keeps later reads cache-friendly.
  for (let i = start; i < end; i++) {
    const r = rows[i]!;
    const left = goesLeft[column[r]!]!;
    rows[write] = r;
    scratch[spilled] = r;
    write += left;
    spilled += 1 - left;
  }
  rows.set(scratch.subarray(0, spilled), write);
  return write;
}

/**
 * Grows one depth-limited tree depth-first on rows[0, rowCount), permuting `rows` in place so that
 * each leaf's rows end up contiguous. Only `features` are considered for splits. Histograms are
 * built for the smaller child only (the larger is parent − smaller) and not at all for nodes that
 * cannot split, so the bottom level costs no histogram work.
 */
export function growTree(
  data: BinnedDataset,
  grad: Float64Array,
  hess: Float64Array,
  rows: Uint32Array,
  rowCount: number,
  features: Int32Array,
  params: TreeGrowthParams,
  workspace: GrowthWorkspace,
): GrownTree {
  const nodeFeature: number[] = [];
  const nodeThreshold: number[] = [];
  const nodeDefaultLeft: number[] = [];
  const nodeLeft: number[] = [];
  const nodeRight: number[] = [];
  const nodeValue: number[] = [];
  const nodeCover: number[] = [];
  const nodeSplitBin: number[] = [];
  const gainByFeature = new Float64Array(data.featureCount);
  const leafNodes: number[] = [];
  const { maxDepth, minSamplesLeaf, l2, learningRate } = params;
  const mayHaveChildren = (depth: number, count: number): boolean => depth < maxDepth && count >= 2 * minSamplesLeaf;

  const grow = (start: number, end: number, depth: number, hist: Float64Array | null, g: number, h: number): number => {
    const node = nodeFeature.length;
    const count = end - start;
    nodeFeature.push(-1);
    nodeThreshold.push(0);
    nodeDefaultLeft.push(0);
    nodeLeft.push(-1);
    nodeRight.push(-1);
    nodeValue.push((-g / (h + l2)) * learningRate);
    nodeCover.push(count);
    nodeSplitBin.push(-1);
    const split = hist ? findBestSplit(hist, data, features, g, h, count, params) : null;
    if (!split) {
      leafNodes.push(node, start, end);
      return node;
    }

    // Without missing rows at this node the learnt direction is arbitrary; send unseen
    // missing values with the majority, the likelier guess.
    const defaultLeft = hist![(split.feature * 256 + MISSING) * STRIDE + 2]! > 0 ? split.defaultLeft : 2 * split.leftCount >= count;
    const mid = partitionRows(data, rows, start, end, split, defaultLeft, workspace);
    const leftCount = mid - start;
    const rightCount = end - mid;
    gainByFeature[split.feature] += split.gain;

    const childDepth = depth + 1;
    const leftNeeds = mayHaveChildren(childDepth, leftCount);
    const rightNeeds = mayHaveChildren(childDepth, rightCount);
    const leftHist = workspace.histograms[2 * childDepth]!;
    const rightHist = workspace.histograms[2 * childDepth + 1]!;
    if (leftCount <= rightCount) {
      if (leftNeeds || rightNeeds) buildHistogram(leftHist, data, rows, start, mid, grad, hess, features);
      if (rightNeeds) subtractHistogram(rightHist, hist!, leftHist, features);
    } else {
      if (leftNeeds || rightNeeds) buildHistogram(rightHist, data, rows, mid, end, grad, hess, features);
      if (leftNeeds) subtractHistogram(leftHist, hist!, rightHist, features);
    }
    const leftChild = grow(start, mid, childDepth, leftNeeds ? leftHist : null, split.leftGrad, split.leftHess);
    const rightChild = grow(mid, end, childDepth, rightNeeds ? rightHist : null, g - split.leftGrad, h - split.leftHess);

    nodeFeature[node] = split.feature;
    // The "present vs missing" split has bound +Infinity, which JSON cannot hold; every finite
    // value is <= MAX_VALUE and non-finite ones are missing, so the test is unchanged.
    nodeThreshold[node] = Math.min(data.upperBounds[split.feature]![split.bin]!, Number.MAX_VALUE);
    nodeDefaultLeft[node] = defaultLeft ? 1 : 0;
    nodeLeft[node] = leftChild;
    nodeRight[node] = rightChild;
    nodeValue[node] = 0;
    nodeSplitBin[node] = split.bin;
    return node;
  };

  let rootGrad = 0;
  let rootHess = 0;
  for (let i = 0; i < rowCount; i++) {
    rootGrad += grad[rows[i]!]!;
    rootHess += hess[rows[i]!]!;
  }
  const rootHist = mayHaveChildren(0, rowCount) ? workspace.histograms[0]! : null;
  if (rootHist) buildHistogram(rootHist, data, rows, 0, rowCount, grad, hess, features);
  grow(0, rowCount, 0, rootHist, rootGrad, rootHess);

  const tree: RegressionTree = {
    feature: Int32Array.from(nodeFeature),
    threshold: Float64Array.from(nodeThreshold),
    defaultLeft: Uint8Array.from(nodeDefaultLeft),
    left: Int32Array.from(nodeLeft),
    right: Int32Array.from(nodeRight),
    value: Float64Array.from(nodeValue),
    cover: Float64Array.from(nodeCover),
  };
  return { tree, splitBin: Int32Array.from(nodeSplitBin), gainByFeature, leafRows: Int32Array.from(leafNodes) };
}
