import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { HubConfig } from '../core/config/hub-config';
import { exportBundle } from '../modules/bundles/bundle-exporter';
import { openStore } from './open-store';

/** `hub export [file]`: the whole store as a bundle, to the file or to stdout. */
export async function runExport(config: HubConfig, file?: string): Promise<number> {
  const store = await openStore(config, 'join');
  const out: Writable = file ? createWriteStream(file) : process.stdout;
  try {
    for await (const lines of exportBundle(store.dataSource)) {
      if (!out.write(lines)) await once(out, 'drain');
    }
    if (file) {
      out.end();
      await once(out, 'finish');
    }
    return 0;
  } finally {
    await store.close();
  }
}
