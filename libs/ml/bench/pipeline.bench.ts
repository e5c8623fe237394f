/**
 * End to end on CRM-like rows (10 raw fields: numeric, boolean, categorical, missing values):
 * time split, encoding, both learners, calibration and test metrics; then scoring and explaining
 * from plain row objects, and the artefact's JSON size.
 *
 *   node -r @swc-node/register libs/ml/bench/pipeline.bench.ts [rows=200000]
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { serializeArtefact } from '../src/pipeline/artefact-json';
import { explain, predict } from '../src/pipeline/score-model';
import { trainModel } from '../src/pipeline/train-model';
import { syntheticCrmRows } from '../src/testing/synthetic-crm';

const rows = Number(process.argv[2] ?? 200_000);
const { rows: data } = syntheticCrmRows(rows, 1);
const fresh = syntheticCrmRows(100_000, 2, Date.UTC(2030, 0, 1)).rows;

let started = performance.now();
const artefact = trainModel(data, { kind: 'lead-conversion', target: 'converted', timeColumn: 'created_at' });
const trainSeconds = (performance.now() - started) / 1000;
const { metrics } = artefact;
console.log(`node ${process.version}, load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} CPUs; ${rows} rows: trainModel ${trainSeconds.toFixed(1)} s`);
for (const c of metrics.candidates) {
  console.log(`  ${c.learner}: validation log loss ${c.validationLogLoss.toFixed(4)}, AUC ${c.validationRocAuc?.toFixed(4)}${c.trees ? `, ${c.trees} trees` : ''}`);
}
console.log(
  `  chose ${metrics.chosenLearner}, calibration ${metrics.calibrationMethod}; test AUC ${metrics.test.rocAuc?.toFixed(4)}, ` +
    `log loss ${metrics.test.logLoss?.toFixed(4)}, ECE ${metrics.test.expectedCalibrationError?.toFixed(4)}`,
);

started = performance.now();
predict(artefact, fresh);
const predictSeconds = (performance.now() - started) / 1000;
started = performance.now();
for (let i = 0; i < 1000; i++) explain(artefact, fresh[i]!);
const explainMs = (performance.now() - started) / 1000;
console.log(
  `predict ${fresh.length} row objects (encode + score + calibrate) ${predictSeconds.toFixed(2)} s | ` +
    `explain ${explainMs.toFixed(2)} ms/row | artefact JSON ${(serializeArtefact(artefact).length / 1024).toFixed(0)} KiB`,
);
