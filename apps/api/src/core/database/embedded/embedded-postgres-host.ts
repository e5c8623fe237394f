import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { acquireEmbeddedStoreLock } from './embedded-store-lock';

export const EMBEDDED_PORT = 5432;

export interface EmbeddedPostgresHost {
  /** A folder holding the `.s.PGSQL.5432` socket: `pg` connects to it with `host` set to this folder. */
  socketDir: string;
  close(): Promise<void>;
}

/**
 * Opens the embedded PostgreSQL (PGlite) in `dataDir` and serves it over a Unix socket, so that
 * this process, the worker and the CLI all use the ordinary `pg` driver and one code path.
 * The socket lives in a short temporary folder: socket paths are limited to about 100 bytes.
 */
export async function hostEmbeddedPostgres(dataDir: string, options: { maxConnections?: number } = {}): Promise<EmbeddedPostgresHost> {
  mkdirSync(dataDir, { recursive: true });
  const socketDir = mkdtempSync(join(tmpdir(), 'hub-pg-'));
  const releaseLock = acquireEmbeddedStoreLock(dataDir, socketDir);
  let db: PGlite | undefined;
  let server: PGLiteSocketServer | undefined;
  try {
    db = await PGlite.create({ dataDir: join(dataDir, 'pgdata') });
    server = new PGLiteSocketServer({
      db,
      path: join(socketDir, `.s.PGSQL.${EMBEDDED_PORT}`),
      maxConnections: options.maxConnections ?? 200,
    });
    await server.start();
  } catch (error) {
    await server?.stop().catch(() => undefined);
    await db?.close().catch(() => undefined);
    releaseLock();
    rmSync(socketDir, { recursive: true, force: true });
    throw error;
  }
  let closed = false;
  return {
    socketDir,
    async close() {
      if (closed) return;
      closed = true;
      await server!.stop();
      await db!.close();
      releaseLock();
      rmSync(socketDir, { recursive: true, force: true });
    },
  };
}
