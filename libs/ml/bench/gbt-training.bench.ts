/**
 * Gradient-boosted trees on synthetic data (known logistic truth, 5% missing values):
 * training time, scoring throughput and TreeSHAP cost, on one core.
 *
 *   node -r @swc-node/register libs/ml/bench/gbt-training.bench.ts [rows=200000] [features=40] [trees=200] [depths=4,6]
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { matrixRow } from '../src/dataset/feature-matrix';
import { predictGbtMargins } from '../src/gbt/gbt-model';
import { trainGbt } from '../src/gbt/train-gbt';
import { gbtContributions } from '../src/gbt/tree-shap';
import { rocAuc } from '../src/metrics/ranking-metrics';
import { syntheticBinaryData } from '../src/testing/synthetic-matrix';

const [rowsArg = '200000', featuresArg = '40', treesArg = '200', depthsArg = '4,6'] = process.argv.slice(2);
const rows = Number(rowsArg);
const features = Number(featuresArg);
const trees = Number(treesArg);
const depths = depthsArg.split(',').map(Number);
const seconds = (since: number): number => (performance.now() - since) / 1000;
// CPU time next to wall time: on a shared machine the wall clock also measures the neighbours.
const cpuSeconds = (since: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
};

const train = syntheticBinaryData(rows, features, 1);
const scoring = syntheticBinaryData(1_000_000, features, 2);
console.log(`node ${process.version}, ${rows} training rows x ${features} features, ${trees} trees, no early stopping; load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} CPUs`);

for (const maxDepth of depths) {
  let started = performance.now();
  let cpu = process.cpuUsage();
  const { model } = trainGbt(train.matrix, train.labels, { params: { numTrees: trees, maxDepth, earlyStoppingRounds: 0 } });
  const trainSeconds = seconds(started);
  const trainCpu = cpuSeconds(cpu);

  started = performance.now();
  cpu = process.cpuUsage();
  const margins = predictGbtMargins(model, scoring.matrix);
  const predictSeconds = seconds(started);
  const predictCpu = cpuSeconds(cpu);

  const explained = 1000;
  started = performance.now();
  for (let r = 0; r < explained; r++) gbtContributions(model, matrixRow(scoring.matrix, r));
  const shapMs = (performance.now() - started) / explained;

  console.log(
    `depth ${maxDepth}: train ${trainSeconds.toFixed(1)} s wall / ${trainCpu.toFixed(1)} s CPU (${((trainSeconds / trees) * 1000).toFixed(0)} ms/tree) | ` +
      `predict 1,000,000 rows ${predictSeconds.toFixed(2)} s wall / ${predictCpu.toFixed(2)} s CPU | ` +
      `TreeSHAP ${shapMs.toFixed(2)} ms/row | held-out AUC ${rocAuc(scoring.labels, margins).toFixed(4)}`,
  );
}
