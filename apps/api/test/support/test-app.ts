import type { NestExpressApplication } from '@nestjs/platform-express';
import { loadHubConfig } from '../../src/core/config/hub-config';
import { createHubApp } from '../../src/server/create-hub-app';
import { createTestStore, type StoreKind, type TestStore } from './test-store';

export interface TestApp {
  app: NestExpressApplication;
  store: TestStore;
  /** The listening base URL, e.g. http://127.0.0.1:41234 */
  url: string;
  close(): Promise<void>;
}

/** Boots the real HTTP app on a free port over a store of its own; one per suite. */
export async function startTestApp(kind: StoreKind, env: Record<string, string> = {}): Promise<TestApp> {
  const store = await createTestStore(kind);
  const config = { ...loadHubConfig({ LOG_LEVEL: 'warn', ...env }), database: store.settings };
  const app = await createHubApp(config, store.handle, store.dataSource);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  return {
    app,
    store,
    url: `http://127.0.0.1:${address.port}`,
    async close() {
      // The store first: closing the app destroys the DataSource the store still needs to drop its schema.
      await store.close();
      await app.close();
    },
  };
}

/** A response body as loosely typed JSON: tests assert its shape themselves. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;
export async function readJson(response: Response): Promise<Json> {
  return response.json();
}
