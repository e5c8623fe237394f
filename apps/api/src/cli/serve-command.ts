import { Logger } from '@nestjs/common';
import type { HubConfig } from '../core/config/hub-config';
import { announceFirstAdminKey } from '../modules/api-keys/first-admin-key';
import { createHubApp } from '../server/create-hub-app';
import { loadDemoIntoStore } from './demo-command';
import { isStoreEmpty, openStore } from './open-store';
import { superviseWorkers } from './worker-processes';

/** `hub serve` (what `npm start` runs): the API and dashboard on PORT, demo data on a first start. */
export async function runServe(config: HubConfig): Promise<void> {
  const logger = new Logger('Hub');
  const store = await openStore(config, 'own');
  if (config.demo.enabled && (await isStoreEmpty(store.dataSource, store.handle.schema))) {
    logger.log(`Empty store: loading the ${config.demo.size} demo data set (HUB_DEMO=off starts empty)...`);
    const result = await loadDemoIntoStore(store.dataSource, { size: config.demo.size, seed: 42 });
    logger.log(`Demo data loaded: ${result.records} records in ${result.durationMs} ms`);
  }
  await announceFirstAdminKey(config, store.dataSource);
  const app = await createHubApp(config, store.handle, store.dataSource);
  await app.listen(config.port, config.host);
  const where = store.handle.kind === 'embedded' ? `embedded PostgreSQL in ${config.database.kind === 'embedded' ? config.database.dataDir : ''}` : 'PostgreSQL';
  logger.log(`Syntroph Intelligence Hub is up on http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}/ (${where}, schema ${store.handle.schema})`);
  const workers = superviseWorkers(config.jobs.workers);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal}: shutting down`);
    await workers.stop();
    await app.close();
    await store.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}
