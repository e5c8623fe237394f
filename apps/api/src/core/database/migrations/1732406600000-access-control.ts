import type { MigrationInterface, QueryRunner } from 'typeorm';
import { hubSchemaOf } from '../hub-schema';

/**
 * API keys (only a SHA-256 hash of each secret) and the append-only audit log. A trigger refuses
 * updates and deletes of audit rows unless the transaction sets `hub.audit_maintenance = 'on'`
 * (`SET LOCAL`), the one door left for a GDPR erasure that must redact ids.
 */
export class AccessControl1732406600000 implements MigrationInterface {
  name = 'AccessControl1732406600000';

  async up(runner: QueryRunner): Promise<void> {
    const s = hubSchemaOf(runner);
    await runner.query(`
      CREATE TABLE ${s}.api_keys (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        prefix text NOT NULL UNIQUE, secret_hash text NOT NULL, name text NOT NULL, scopes text[] NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(), last_used_at timestamptz, revoked_at timestamptz);

      CREATE TABLE ${s}.audit_log (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        key_id text, operation text NOT NULL, subject_type text, subject_ids bigint[], model_version text,
        duration_ms integer, outcome text NOT NULL CHECK (outcome IN ('ok', 'error', 'denied')), detail jsonb);
      CREATE INDEX audit_log_at_idx ON ${s}.audit_log (at);
      CREATE INDEX audit_log_key_id_idx ON ${s}.audit_log (key_id, id);
      CREATE INDEX audit_log_operation_idx ON ${s}.audit_log (operation, id);
      CREATE INDEX audit_log_subject_ids_idx ON ${s}.audit_log USING gin (subject_ids);

      CREATE FUNCTION ${s}.audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF coalesce(current_setting('hub.audit_maintenance', true), '') <> 'on' THEN
          RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP;
        END IF;
        RETURN coalesce(NEW, OLD);
      END $$;
      CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON ${s}.audit_log
        FOR EACH ROW EXECUTE FUNCTION ${s}.audit_log_append_only();
    `);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = hubSchemaOf(runner);
    await runner.query(`DROP TABLE ${s}.audit_log; DROP FUNCTION ${s}.audit_log_append_only(); DROP TABLE ${s}.api_keys;`);
  }
}
