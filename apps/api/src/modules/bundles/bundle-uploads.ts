import { randomUUID } from 'node:crypto';
import type { DataSource, QueryRunner } from 'typeorm';
import { hubSchemaOf } from '../../core/database/hub-schema';

const CHUNK_BYTES = 1024 * 1024;

/** Spools a request body into the store in 1 MiB chunks; returns its id and size. */
export async function spoolUpload(dataSource: DataSource, source: AsyncIterable<Uint8Array>): Promise<{ uploadId: string; bytes: number }> {
  const uploadId = randomUUID();
  const table = `${hubSchemaOf(dataSource)}.bundle_uploads`;
  let seq = 0;
  let bytes = 0;
  let parts: Buffer[] = [];
  let pending = 0;
  const write = async () => {
    if (pending === 0) return;
    await dataSource.query(`INSERT INTO ${table} (upload_id, seq, data) VALUES ($1, $2, $3)`, [uploadId, seq++, Buffer.concat(parts)]);
    parts = [];
    pending = 0;
  };
  try {
    for await (const chunk of source) {
      parts.push(Buffer.from(chunk));
      pending += chunk.length;
      bytes += chunk.length;
      if (pending >= CHUNK_BYTES) await write();
    }
    await write();
  } catch (error) {
    await deleteUpload(dataSource, uploadId).catch(() => undefined);
    throw error;
  }
  return { uploadId, bytes };
}

/**
 * The spooled bytes, chunk by chunk, never all in memory, through the given connection: the import's
 * own (embedded: its one connection) or the pool (PostgreSQL: the import's COPY can then stay open).
 */
export async function* readUpload(connection: QueryRunner | DataSource, uploadId: string): AsyncGenerator<Buffer> {
  const table = `${hubSchemaOf(connection)}.bundle_uploads`;
  for (let seq = 0; ; seq++) {
    const rows: { data: Buffer }[] = await connection.query(`SELECT data FROM ${table} WHERE upload_id = $1 AND seq = $2`, [uploadId, seq]);
    if (rows.length === 0) return;
    yield rows[0]!.data;
  }
}

export async function deleteUpload(dataSource: DataSource, uploadId: string): Promise<void> {
  await dataSource.query(`DELETE FROM ${hubSchemaOf(dataSource)}.bundle_uploads WHERE upload_id = $1`, [uploadId]);
}
