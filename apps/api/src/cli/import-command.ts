import { createReadStream, statSync } from 'node:fs';
import { SingleBar } from 'cli-progress';
import { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import type { HubConfig } from '../core/config/hub-config';
import { HubEventsService } from '../core/events/hub-events.service';
import { redisOptions } from '../core/queue/redis-options';
import { type BundleChanges, publishImportChanges } from '../modules/bundles/bundle-changes';
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
  let changes: BundleChanges | undefined;
  try {
    const result = await importBundle(store.dataSource, fromStdin ? process.stdin : createReadStream(file), {
      maxReportedErrors: config.import.maxReportedErrors,
      onCommitted: (committed) => void (changes = committed),
      onProgress: (progress) => bar?.update(Math.min(progress.bytes, total), { lines: progress.lines, phase: progress.phase }),
    });
    bar?.update(total, { phase: 'done' });
    bar?.stop();
    process.stdout.write(JSON.stringify(result, null, 2) + '\n');
    if (changes) await announce(config, store.dataSource, changes);
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

/**
 * Publishes the import's change event, so running hubs rescore the contacts it touched. Without a
 * reachable Redis there is no running hub to tell (or none that could hear): the event is skipped.
 */
async function announce(config: HubConfig, dataSource: DataSource, changes: BundleChanges): Promise<void> {
  const probe = new Redis({ ...redisOptions(config.redis.url, 'producer'), lazyConnect: true, connectTimeout: 1000, retryStrategy: () => null });
  probe.on('error', () => undefined);
  const reachable = await probe.connect().then(() => probe.ping()).then((pong) => pong === 'PONG', () => false);
  probe.disconnect();
  if (!reachable) return;
  const events = new HubEventsService(config);
  try {
    await publishImportChanges(dataSource, events, changes);
  } finally {
    await events.onModuleDestroy();
  }
}
