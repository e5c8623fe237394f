import pg from 'pg';
import { DataSource } from 'typeorm';
import { CRM_ENTITIES } from '../../modules/crm/entities';
import { AuditLogEntity } from '../../modules/audit/audit-log.entity';
import { ApiKeyEntity } from '../auth/api-key.entity';
import type { DatabaseHandle } from './database-connection';
import { HUB_MIGRATIONS } from './migrations';

// Calendar dates stay `YYYY-MM-DD` strings: as JavaScript Dates they would shift with the time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);

/** Every entity of the hub; feature modules add theirs here as they land. */
export const HUB_ENTITIES = [...CRM_ENTITIES, ApiKeyEntity, AuditLogEntity];

export function createHubDataSource(handle: DatabaseHandle): DataSource {
  return new DataSource({
    type: 'postgres',
    ...handle.connection,
    schema: handle.schema,
    entities: HUB_ENTITIES,
    migrations: HUB_MIGRATIONS,
    migrationsTableName: 'hub_migrations',
    synchronize: false,
    poolSize: handle.poolSize,
    applicationName: 'syntroph-hub',
  });
}

/** Connects, creates the hub's schema if needed and applies pending migrations. */
export async function initializeHubDataSource(handle: DatabaseHandle): Promise<DataSource> {
  const dataSource = createHubDataSource(handle);
  await dataSource.initialize();
  try {
    await dataSource.query(`CREATE SCHEMA IF NOT EXISTS "${handle.schema}"`);
    await dataSource.runMigrations({ transaction: 'each' });
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  return dataSource;
}
