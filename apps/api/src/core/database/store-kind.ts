import type { DataSource, QueryRunner } from 'typeorm';

const embeddedBySource = new WeakMap<DataSource, Promise<boolean>>();

/**
 * Whether the data source reaches the embedded PGlite (one session shared by every connection, no
 * COPY FROM STDIN, no parallel workers) rather than a PostgreSQL server. Asked once per data source;
 * `via` asks on a connection the caller already holds (with a pool of one, another would never come).
 */
export function isEmbeddedStore(dataSource: DataSource, via?: QueryRunner): Promise<boolean> {
  let embedded = embeddedBySource.get(dataSource);
  if (!embedded) {
    embedded = (via ?? dataSource).query(`SELECT version() LIKE '%PGlite%' AS embedded`).then((rows: { embedded: boolean }[]) => rows[0]!.embedded);
    // A failed question is asked again next time rather than remembered.
    embedded.catch(() => embeddedBySource.delete(dataSource));
    embeddedBySource.set(dataSource, embedded);
  }
  return embedded;
}
