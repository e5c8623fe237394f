import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module';
import type { HubConfig } from '../core/config/hub-config';
import { openStore } from './open-store';

/** `hub worker`: runs jobs. Start as many as needed against the same Redis and database. */
export async function runWorker(config: HubConfig): Promise<void> {
  const store = await openStore(config, 'join');
  const app = await NestFactory.createApplicationContext(AppModule.registerWorker(config, store.handle, store.dataSource), {
    logger: ['error', 'warn', 'log'].slice(0, ['error', 'warn', 'log', 'debug', 'verbose'].indexOf(config.logLevel) + 1) as never,
  });
  await app.init();
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    new Logger('Worker').log(`${signal}: finishing and stopping`);
    await app.close();
    await store.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}
