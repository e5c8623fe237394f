import type { Type } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { type HubConfig, loadHubConfig } from '../../src/core/config/hub-config';
import { createHubApp } from '../../src/server/create-hub-app';
import { createTestStore, type StoreKind, TEST_POSTGRES_URL, type TestStore } from './test-store';

export interface TestApp {
  app: NestExpressApplication;
  store: TestStore;
  config: HubConfig;
  /** Headers that authenticate as the test admin key (HUB_ADMIN_KEY): spread them into each request. */
  auth: { authorization: string };
  /** The listening base URL, e.g. http://127.0.0.1:41234 */
  url: string;
  close(): Promise<void>;
}

/** The admin key every test app accepts (its HUB_ADMIN_KEY, key id `env:admin`). */
export const TEST_ADMIN_KEY = 'test-admin-key-not-a-secret';

/** Boots the real HTTP app on a free port over a store of its own; one per suite. */
/** `modules`: test-only modules mounted beside the app's (e.g. MCP conformance fixtures). */
export async function startTestApp(kind: StoreKind, env: Record<string, string> = {}, modules: Type[] = []): Promise<TestApp> {
  const store = await createTestStore(kind);
  // A Redis prefix of its own, so suites running at once never see each other's jobs.
  const prefix = `test-${randomBytes(4).toString('hex')}`;
  const config = { ...loadHubConfig({ LOG_LEVEL: 'warn', HUB_REDIS_PREFIX: prefix, HUB_ADMIN_KEY: TEST_ADMIN_KEY, ...env }), database: store.settings };
  const app = await createHubApp(config, store.handle, store.dataSource, modules);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  return {
    app,
    store,
    config,
    auth: { authorization: `Bearer ${TEST_ADMIN_KEY}` },
    url: `http://127.0.0.1:${address.port}`,
    async close() {
      await app.close();
      await store.close();
    },
  };
}

/** A response body as loosely typed JSON: tests assert its shape themselves. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;
export async function readJson(response: Response): Promise<Json> {
  return response.json();
}

/** An in-process worker (`hub worker` without its own process) over the test app's store and Redis. */
export async function startTestWorker(hub: TestApp): Promise<{ close(): Promise<void> }> {
  const { NestFactory } = await import('@nestjs/core');
  const { AppModule } = await import('../../src/app.module');
  const context = await NestFactory.createApplicationContext(
    AppModule.registerWorker(hub.config, hub.store.handle, hub.store.dataSource),
    { logger: ['error'] },
  );
  await context.init();
  return {
    close: () => context.close(),
  };
}

/**
 * A `hub worker` in a process of its own over the test app's PostgreSQL schema and Redis prefix,
 * as in production: CPU-bound jobs cannot hold the API's answers, so live states are observable.
 */
export function spawnTestWorker(hub: TestApp, env: Record<string, string> = {}): { child: ChildProcess; close(signal?: NodeJS.Signals): Promise<void> } {
  if (hub.store.kind !== 'postgres') throw new Error('spawnTestWorker needs a PostgreSQL test app: an embedded store belongs to one process');
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/api/src/main.ts', 'worker'], {
    cwd: resolve(__dirname, '../../../..'),
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env, DATABASE_URL: TEST_POSTGRES_URL, HUB_DB_SCHEMA: hub.store.schema, HUB_REDIS_PREFIX: hub.config.redis.prefix,
      REDIS_URL: hub.config.redis.url, LOG_LEVEL: 'error', ...env,
    },
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  return {
    child,
    async close(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
