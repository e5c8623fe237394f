import type { MigrationInterface, QueryRunner } from 'typeorm';
import { hubSchemaOf } from '../hub-schema';

/**
 * Indexes on the time columns the Overview reads on every call. The data's end is a max() over five
 * tables; the existing (contact_id, occurred_at)-style indexes cannot answer a max over all rows, so
 * without these PostgreSQL scans a million activities each time. With them each max() is a
 * one-row backward index scan, and the trends' month windows (contacts created, deals closed) are
 * index range scans. No cache is needed, so a fresh import shows at once.
 */
export class OverviewTimeIndexes1732407100000 implements MigrationInterface {
  name = 'OverviewTimeIndexes1732407100000';

  async up(runner: QueryRunner): Promise<void> {
    const s = hubSchemaOf(runner);
    await runner.query(`
      CREATE INDEX activities_occurred_at_idx ON ${s}.activities (occurred_at);
      CREATE INDEX emails_sent_at_idx ON ${s}.emails (sent_at);
      CREATE INDEX meetings_started_at_idx ON ${s}.meetings (started_at);
      CREATE INDEX contacts_created_at_idx ON ${s}.contacts (created_at);
      CREATE INDEX deals_created_at_idx ON ${s}.deals (created_at);
      CREATE INDEX deals_closed_at_idx ON ${s}.deals (closed_at) WHERE closed_at IS NOT NULL;
    `);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = hubSchemaOf(runner);
    await runner.query(`
      DROP INDEX ${s}.deals_closed_at_idx; DROP INDEX ${s}.deals_created_at_idx; DROP INDEX ${s}.contacts_created_at_idx;
      DROP INDEX ${s}.meetings_started_at_idx; DROP INDEX ${s}.emails_sent_at_idx; DROP INDEX ${s}.activities_occurred_at_idx;
    `);
  }
}
