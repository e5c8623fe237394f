import type { HubConfig } from '../config/hub-config';
import { EMBEDDED_PORT, hostEmbeddedPostgres } from './embedded/embedded-postgres-host';
import { readEmbeddedStoreOwner } from './embedded/embedded-store-lock';

export type DatabaseSettings = HubConfig['database'];

/** Where this process reaches its database, and whether it hosts the embedded one. */
export interface DatabaseHandle {
  kind: 'postgres' | 'embedded';
  schema: string;
  poolSize: number;
  connection: { url: string } | { host: string; port: number; database: string; username: string };
  hosting: boolean;
  close(): Promise<void>;
}

/**
 * `own`: the server, which must host the embedded store (a second server on the same folder is
 * refused). `join`: the CLI and workers, which use a running hub's socket when there is one and
 * otherwise open the folder themselves.
 */
export async function openDatabase(settings: DatabaseSettings, mode: 'own' | 'join'): Promise<DatabaseHandle> {
  const { schema, poolSize } = settings;
  if (settings.kind === 'postgres') {
    return { kind: 'postgres', schema, poolSize, connection: { url: settings.url }, hosting: false, close: async () => undefined };
  }
  const owner = mode === 'join' ? readEmbeddedStoreOwner(settings.dataDir) : undefined;
  if (owner) {
    return {
      kind: 'embedded', schema, poolSize, hosting: false, close: async () => undefined,
      connection: { host: owner.socketDir, port: EMBEDDED_PORT, database: 'postgres', username: 'postgres' },
    };
  }
  const host = await hostEmbeddedPostgres(settings.dataDir);
  return {
    kind: 'embedded', schema, poolSize, hosting: true, close: () => host.close(),
    connection: { host: host.socketDir, port: EMBEDDED_PORT, database: 'postgres', username: 'postgres' },
  };
}
