import type { MigrationInterface, QueryRunner } from 'typeorm';
import { hubSchemaOf } from '../hub-schema';

/**
 * Large bundles sent over REST are spooled here, in chunks, for an import job: every worker of
 * every machine reaches the database, so no shared file system is needed.
 */
export class BundleUploads1732406460000 implements MigrationInterface {
  name = 'BundleUploads1732406460000';

  async up(runner: QueryRunner): Promise<void> {
    const s = hubSchemaOf(runner);
    await runner.query(`
      CREATE TABLE ${s}.bundle_uploads (
        upload_id uuid NOT NULL, seq integer NOT NULL, data bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (upload_id, seq))`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE ${hubSchemaOf(runner)}.bundle_uploads`);
  }
}
