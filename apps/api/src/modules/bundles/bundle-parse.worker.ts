import { parentPort } from 'node:worker_threads';
import type { NdjsonLineBatch } from '@hub/bundle';
import { encodeBundleLines, transferablesOf } from './bundle-line-encoder';

/**
 * The parsing thread of large imports (see bundle-line-parser.ts): parses, validates and encodes
 * each batch of lines it is sent (as bytes) and sends the result back, buffers moved rather than copied.
 */
parentPort!.on('message', (request: { id: number; batch: NdjsonLineBatch }) => {
  const encoded = encodeBundleLines(request.batch);
  parentPort!.postMessage({ id: request.id, encoded }, transferablesOf(encoded));
});
parentPort!.postMessage({ ready: true });
