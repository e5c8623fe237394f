import { createReadStream, statSync } from 'node:fs';
import { SingleBar } from 'cli-progress';
import type { HubConfig } from '../core/config/hub-config';
import { BundleRejectedError, importBundle } from '../modules/bundles/bundle-importer';
import { openStore } from './open-store';

/** `hub import <file|->`: exit 0 with counts on stdout, or 1 with the problem document on stderr. */
export async function runImport(config: HubConfig, file: string): Promise<number> {
  const fromStdin = file === '-';
  const total = fromStdin ? 0 : statSync(file).size;
  const bar = process.stderr.isTTY && total > 0
    ? new SingleBar({ format: 'import [{bar}] {percentage}% | {lines} lines | {phase}', stream: process.stderr, hideCursor: true })
    : undefined;
  bar?.start(total, 0, { lines: 0, phase: 'reading' });
  const store = await openStore(config, 'join');
  try {
    const result = await importBundle(store.dataSource, fromStdin ? process.stdin : createReadStream(file), {
      maxReportedErrors: config.import.maxReportedErrors,
      onProgress: (progress) => bar?.update(Math.min(progress.bytes, total), { lines: progress.lines, phase: progress.phase }),
    });
    bar?.update(total, { phase: 'done' });
    bar?.stop();
    process.stdout.write(JSON.stringify(result, null, 2) + '\n');
    return 0;
  } catch (error) {
    bar?.stop();
    if (error instanceof BundleRejectedError) {
      process.stderr.write(JSON.stringify(error.toProblem(), null, 2) + '\n');
      return 1;
    }
    throw error;
  } finally {
    await store.close();
  }
}
