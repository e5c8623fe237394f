import { rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { inject } from 'vitest';
import type { HubConfig } from '../../src/core/config/hub-config';
import { type DatabaseHandle, openDatabase } from '../../src/core/database/database-connection';
import { initializeHubDataSource } from '../../src/core/database/hub-data-source';
import { copyEmbeddedTemplate } from './embedded-template';

declare module 'vitest' {
  export interface ProvidedContext {
    embeddedTemplateDir: string;
  }
}

export type StoreKind = 'embedded' | 'postgres';

/** Real PostgreSQL for tests: DATABASE_URL, else the development machines' local server. */
export const TEST_POSTGRES_URL = process.env['DATABASE_URL'] || 'postgres://postgres@127.0.0.1:5432/test';

let postgresAvailable: Promise<boolean> | undefined;

export function isPostgresAvailable(): Promise<boolean> {
  postgresAvailable ??= (async () => {
    const client = new pg.Client({ connectionString: TEST_POSTGRES_URL, connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      await client.end();
      return true;
    } catch {
      return false;
    }
  })();
  return postgresAvailable;
}

/** The stores every data test runs against: embedded always, PostgreSQL where one answers. */
export async function storeKinds(): Promise<StoreKind[]> {
  if (await isPostgresAvailable()) return ['embedded', 'postgres'];
  console.warn(`No PostgreSQL answers at ${TEST_POSTGRES_URL}: data tests run on the embedded store only.`);
  return ['embedded'];
}

export interface TestStore {
  kind: StoreKind;
  settings: HubConfig['database'];
  handle: DatabaseHandle;
  dataSource: DataSource;
  schema: string;
  /** Empties every CRM table, for tests that need a clean store between cases. */
  truncate(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A migrated store of its own: on PostgreSQL a fresh schema (so runs never collide), embedded a
 * private copy of the migrated template folder.
 */
export async function createTestStore(kind: StoreKind): Promise<TestStore> {
  const schema = kind === 'postgres' ? `hub_test_${randomBytes(5).toString('hex')}` : 'hub';
  const settings: HubConfig['database'] = kind === 'postgres'
    ? { kind: 'postgres', url: TEST_POSTGRES_URL, schema, poolSize: 5 }
    : { kind: 'embedded', dataDir: copyEmbeddedTemplate(inject('embeddedTemplateDir')), schema, poolSize: 5 };
  const handle = await openDatabase(settings, 'own');
  const dataSource = await initializeHubDataSource(handle);
  return {
    kind, settings, handle, dataSource, schema,
    async truncate() {
      await dataSource.query(
        `TRUNCATE ${['tickets', 'subscriptions', 'meetings', 'emails', 'activities', 'deals', 'contacts', 'products', 'companies', 'users']
          .map((table) => `"${schema}".${table}`).join(', ')}`,
      );
    },
    async close() {
      if (kind === 'postgres') await dataSource.query(`DROP SCHEMA "${schema}" CASCADE`);
      if (dataSource.isInitialized) await dataSource.destroy();
      await handle.close();
      if (settings.kind === 'embedded') rmSync(settings.dataDir, { recursive: true, force: true });
    },
  };
}
