import 'reflect-metadata';
import { createReadStream } from 'node:fs';
import { openDatabase } from '../src/core/database/database-connection';
import { initializeHubDataSource } from '../src/core/database/hub-data-source';
import { importBundle } from '../src/modules/bundles/bundle-importer';
(async () => {
  const handle = await openDatabase({ kind: 'postgres', url: 'postgres://postgres@127.0.0.1:5432/test', schema: 'prof1', poolSize: 4 }, 'own');
  const ds = await initializeHubDataSource(handle);
  const t = performance.now(); const c0 = process.cpuUsage();
  await importBundle(ds, createReadStream(process.env.BUNDLE ?? '/tmp/b1m.ndjson', { highWaterMark: 256 * 1024 }));
  console.log('total', (performance.now() - t).toFixed(0), 'cpu', process.cpuUsage(c0));
  await ds.query('DROP SCHEMA prof1 CASCADE'); await ds.destroy();
})();
