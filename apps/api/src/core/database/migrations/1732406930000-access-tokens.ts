import type { MigrationInterface, QueryRunner } from 'typeorm';
import { hubSchemaOf } from '../hub-schema';

/**
 * Short-lived access tokens minted by an API key (`POST /api/auth/tokens`), kept like keys: a
 * public prefix and a SHA-256 hash of the secret, so a copy of the database holds nothing usable.
 * `issuer` is the minting key's id as the audit log names it (`env:admin` has no row); `api_key_id`
 * ties a token to its key so revoking the key ends its tokens. Expired rows are purged on mint.
 */
export class AccessTokens1732406930000 implements MigrationInterface {
  name = 'AccessTokens1732406930000';

  async up(runner: QueryRunner): Promise<void> {
    const s = hubSchemaOf(runner);
    await runner.query(`
      CREATE TABLE ${s}.access_tokens (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        prefix text NOT NULL UNIQUE, secret_hash text NOT NULL,
        issuer text NOT NULL, api_key_id bigint REFERENCES ${s}.api_keys (id) ON DELETE CASCADE,
        scopes text[] NOT NULL,
        record_type text CHECK (record_type IN ('contact', 'deal', 'company')), record_id bigint,
        created_at timestamptz NOT NULL DEFAULT now(), expires_at timestamptz NOT NULL,
        CHECK ((record_type IS NULL) = (record_id IS NULL)));
      CREATE INDEX access_tokens_expires_at_idx ON ${s}.access_tokens (expires_at);
    `);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE ${hubSchemaOf(runner)}.access_tokens;`);
  }
}
