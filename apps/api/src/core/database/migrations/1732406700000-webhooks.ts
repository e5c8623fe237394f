import type { MigrationInterface, QueryRunner } from 'typeorm';
import { hubSchemaOf } from '../hub-schema';

/** Webhooks the CRM registers, and a log of every delivery attempt. */
export class Webhooks1732406700000 implements MigrationInterface {
  name = 'Webhooks1732406700000';

  async up(runner: QueryRunner): Promise<void> {
    const s = hubSchemaOf(runner);
    await runner.query(`
      CREATE TABLE ${s}.webhooks (
        id uuid PRIMARY KEY, url text NOT NULL, secret text NOT NULL, events text[] NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(), deleted_at timestamptz);
      CREATE TABLE ${s}.webhook_deliveries (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        webhook_id uuid NOT NULL, event_id uuid NOT NULL, event text NOT NULL, attempt integer NOT NULL,
        status text NOT NULL, response_status integer, error text, duration_ms integer NOT NULL,
        at timestamptz NOT NULL DEFAULT now());
      CREATE INDEX webhook_deliveries_webhook_idx ON ${s}.webhook_deliveries (webhook_id, id DESC);`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = hubSchemaOf(runner);
    await runner.query(`DROP TABLE ${s}.webhook_deliveries; DROP TABLE ${s}.webhooks;`);
  }
}
