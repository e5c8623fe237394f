import { Logger } from '@nestjs/common';
import { type NdjsonLineBatch, transferablesOfBatch } from '@hub/bundle';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { type EncodedLines, encodeBundleLines } from './bundle-line-encoder';

/** Bundle bytes read before an import moves parsing to the worker: small bundles are done sooner than a thread starts. */
const WORKER_AFTER_BYTES = 1024 * 1024;
/** An idle worker is ended after this long; the next large import starts another. */
const WORKER_IDLE_MS = 30_000;

const logger = new Logger('BundleImport');

/**
 * One thread that parses and validates bundle lines for every import of the process, so that
 * reading, validating and writing to the database run at the same time on different cores.
 * Requests carry no state (a batch of lines in, its encoding out), so concurrent imports share it.
 */
class ParseWorker {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, { resolve: (encoded: EncodedLines) => void; reject: (error: Error) => void }>();
  private nextId = 0;
  private idleTimer: NodeJS.Timeout | undefined;
  /** Resolves once the worker has loaded its code; rejects if it could not. */
  readonly ready: Promise<void>;
  isReady = false;
  failure: Error | undefined;

  constructor(private readonly onGone: (worker: ParseWorker) => void) {
    // A .js entry registers the TypeScript loader in the thread (see that file), whatever ran this process.
    this.worker = new Worker(join(__dirname, 'bundle-parse.worker.js'));
    this.worker.unref();
    this.ready = new Promise((resolve, reject) => {
      this.worker.on('message', (message: { ready?: true; id?: number; encoded?: EncodedLines }) => {
        if (message.ready) {
          this.isReady = true;
          resolve();
          return;
        }
        const request = this.waiting.get(message.id!);
        this.waiting.delete(message.id!);
        this.idleCheck();
        request?.resolve(message.encoded!);
      });
      const fail = (error: Error) => {
        this.failure ??= error;
        reject(error);
        for (const request of this.waiting.values()) request.reject(error);
        this.waiting.clear();
        this.onGone(this);
      };
      this.worker.on('error', fail);
      this.worker.on('exit', (code) => fail(new Error(`the bundle parsing thread exited (code ${code})`)));
    });
    this.ready.catch(() => undefined);
  }

  /** Moves the batch's buffers to the thread: the caller must not use it afterwards. */
  encode(batch: NdjsonLineBatch): Promise<EncodedLines> {
    if (this.failure) return Promise.reject(this.failure);
    clearTimeout(this.idleTimer);
    // Keep the process alive while a reply is due; an idle worker must not.
    if (this.waiting.size === 0) this.worker.ref();
    const id = this.nextId++;
    const reply = new Promise<EncodedLines>((resolve, reject) => this.waiting.set(id, { resolve, reject }));
    this.worker.postMessage({ id, batch }, transferablesOfBatch(batch));
    parseWorkerStats.batches += 1;
    return reply;
  }

  private idleCheck(): void {
    if (this.waiting.size > 0) return;
    this.worker.unref();
    this.idleTimer = setTimeout(() => void this.worker.terminate(), WORKER_IDLE_MS).unref();
  }
}

/** Batches parsed by the thread in this process: lets tests see which path ran. */
export const parseWorkerStats = { batches: 0 };

let shared: ParseWorker | undefined;
let unavailable = false;

function sharedWorker(): ParseWorker {
  shared ??= new ParseWorker((gone) => {
    if (shared === gone) shared = undefined;
  });
  return shared;
}

/**
 * Whether imports use the parsing thread by default (`HUB_IMPORT_WORKER`: on, off, or auto). Auto:
 * with 3 or more cores. Measured on 2 cores with PostgreSQL on the same machine, the main thread
 * alone keeps one core busy and PostgreSQL the other; a third busy thread only adds its costs
 * (about 1 CPU-second and 130 MB per million lines) without finishing sooner.
 */
function workerByDefault(): boolean {
  const setting = process.env['HUB_IMPORT_WORKER'] ?? 'auto';
  return setting === 'on' || (setting !== 'off' && availableParallelism() >= 3);
}

/**
 * Where an import parses its lines. `inWorker`: true puts every batch through the worker thread
 * and fails the import if the thread fails (tests use it to prove the thread path); false parses
 * on the main thread; undefined (the default, see workerByDefault) parses here until the bundle
 * has passed 1 MiB and the worker is up, then there; if the worker cannot start, here (once
 * handed to the thread, a batch is the thread's, so a thread lost in mid-import fails that import).
 */
export class BundleLineParser {
  private readonly mode: 'worker' | 'inline' | 'auto';
  private worker: ParseWorker | undefined;
  /** Whether batches go to the worker thread: then the caller keeps several in flight. */
  usesWorker = false;

  constructor(inWorker: boolean | undefined) {
    this.mode = inWorker === true ? 'worker' : inWorker === false || !workerByDefault() ? 'inline' : 'auto';
  }

  /** Encodes one batch of lines; results are to be taken in the order the batches were given. */
  encode(batch: NdjsonLineBatch, bytesRead: number): Promise<EncodedLines> {
    if (this.mode === 'inline') return Promise.resolve(encodeBundleLines(batch));
    if (this.mode === 'worker') {
      const worker = (this.worker ??= sharedWorker());
      this.usesWorker = true;
      return worker.ready.then(() => worker.encode(batch));
    }
    if (unavailable || bytesRead < WORKER_AFTER_BYTES) return Promise.resolve(encodeBundleLines(batch));
    if (!this.worker) {
      this.worker = sharedWorker();
      this.worker.ready.catch((error: Error) => {
        if (unavailable) return;
        unavailable = true;
        logger.warn(`Bundle lines are parsed on the main thread: the parsing thread did not start (${error.message})`);
      });
    }
    // Until the thread is up, the main thread parses; after, the thread does.
    if (!this.worker.isReady || this.worker.failure) return Promise.resolve(encodeBundleLines(batch));
    this.usesWorker = true;
    // Its bytes move to the thread: a thread lost from here on fails the import (rolled back).
    return this.worker.encode(batch);
  }
}
