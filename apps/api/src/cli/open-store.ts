import type { DataSource } from 'typeorm';
import type { HubConfig } from '../core/config/hub-config';
import { type DatabaseHandle, openDatabase } from '../core/database/database-connection';
import { initializeHubDataSource } from '../core/database/hub-data-source';

export interface OpenStore {
  handle: DatabaseHandle;
  dataSource: DataSource;
  close(): Promise<void>;
}

/** Opens the store for a command: through a running hub's socket when there is one. */
export async function openStore(config: HubConfig, mode: 'own' | 'join'): Promise<OpenStore> {
  const handle = await openDatabase(config.database, mode);
  try {
    const dataSource = await initializeHubDataSource(handle);
    return {
      handle,
      dataSource,
      async close() {
        if (dataSource.isInitialized) await dataSource.destroy();
        await handle.close();
      },
    };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/** Whether the store holds no CRM data yet (a first start). */
export async function isStoreEmpty(dataSource: DataSource, schema: string): Promise<boolean> {
  const rows: { empty: boolean }[] = await dataSource.query(
    `SELECT NOT EXISTS (SELECT 1 FROM "${schema}".contacts) AND NOT EXISTS (SELECT 1 FROM "${schema}".companies) AS empty`,
  );
  return rows[0]!.empty;
}
