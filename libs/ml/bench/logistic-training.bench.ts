/**
 * Regularised logistic regression (Newton/IRLS) on synthetic data: training time with a linear,
 * spline and binned basis, and scoring throughput.
 *
 *   node -r @swc-node/register libs/ml/bench/logistic-training.bench.ts [rows=200000] [features=40]
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { predictLogisticMargins, trainLogistic } from '../src/logistic/logistic-model';
import { rocAuc } from '../src/metrics/ranking-metrics';
import { syntheticBinaryData } from '../src/testing/synthetic-matrix';

const [rows = 200_000, features = 40] = process.argv.slice(2).map(Number);
const train = syntheticBinaryData(rows, features, 1);
const scoring = syntheticBinaryData(1_000_000, features, 2);
console.log(`node ${process.version}, ${rows} training rows x ${features} features; load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} CPUs`);

for (const numericBasis of ['linear', 'spline', 'binned'] as const) {
  let started = performance.now();
  const cpu = process.cpuUsage();
  const model = trainLogistic(train.matrix, train.labels, { numericBasis });
  const trainSeconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const trainCpu = (used.user + used.system) / 1e6;
  started = performance.now();
  const margins = predictLogisticMargins(model, scoring.matrix);
  const predictSeconds = (performance.now() - started) / 1000;
  console.log(
    `${numericBasis}: ${model.coefficients.length} design columns, train ${trainSeconds.toFixed(1)} s wall / ${trainCpu.toFixed(1)} s CPU ` +
      `(converged ${model.converged}) | predict 1,000,000 rows ${predictSeconds.toFixed(2)} s | held-out AUC ${rocAuc(scoring.labels, margins).toFixed(4)}`,
  );
}
