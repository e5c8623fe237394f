import { createWriteStream, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import type { BundleImportResult } from '@hub/contracts';
import { serializeBundleRecord } from '@hub/bundle';
import { type DemoSize, generateDemo } from '@hub/demo-data';
import type { DataSource } from 'typeorm';
import type { HubConfig } from '../core/config/hub-config';
import { importBundle } from '../modules/bundles/bundle-importer';
import { openStore } from './open-store';

const DEMO_SIZES: readonly DemoSize[] = ['small', 'medium', 'large'];
const LINES_PER_CHUNK = 1000;

/** The generator's records as bundle bytes, a thousand lines a chunk. */
export async function* demoBundleChunks(records: Iterable<{ type: string; data: Record<string, unknown> }>): AsyncGenerator<Buffer> {
  let chunk = '';
  let count = 0;
  for (const record of records) {
    chunk += serializeBundleRecord(record.type as never, record.data) + '\n';
    if (++count === LINES_PER_CHUNK) {
      yield Buffer.from(chunk);
      chunk = '';
      count = 0;
    }
  }
  if (chunk) yield Buffer.from(chunk);
}

/** Loads demo data through the same importer as every other bundle. */
export async function loadDemoIntoStore(dataSource: DataSource, options: { size: DemoSize; seed: number }): Promise<BundleImportResult> {
  const demo = generateDemo({ size: options.size, seed: options.seed });
  return importBundle(dataSource, demoBundleChunks(demo.records));
}

/** `hub demo`: load demo data into the store, or only write the bundle (`--out`) and the truth (`--truth`). */
export async function runDemo(config: HubConfig, options: { size: string; seed: number; out?: string; truth?: string }): Promise<number> {
  if (!DEMO_SIZES.includes(options.size as DemoSize)) {
    process.stderr.write(`hub demo: --size must be one of ${DEMO_SIZES.join(', ')}; got ${options.size}\n`);
    return 2;
  }
  const demo = generateDemo({ size: options.size as DemoSize, seed: options.seed });
  if (options.out) {
    const out = createWriteStream(options.out);
    for await (const chunk of demoBundleChunks(demo.records)) {
      if (!out.write(chunk)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
    process.stderr.write(`Wrote the ${options.size} demo bundle (seed ${options.seed}) to ${options.out}\n`);
  } else {
    const store = await openStore(config, 'join');
    try {
      const result = await importBundle(store.dataSource, demoBundleChunks(demo.records));
      process.stdout.write(JSON.stringify(result, null, 2) + '\n');
    } finally {
      await store.close();
    }
  }
  if (options.truth) {
    // The truth is complete only once every record has been generated, which both paths above did.
    writeFileSync(options.truth, JSON.stringify(demo.truth) + '\n');
    process.stderr.write(`Wrote the planted truth to ${options.truth}\n`);
  }
  return 0;
}
