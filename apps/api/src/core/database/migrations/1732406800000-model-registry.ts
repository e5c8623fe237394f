import type { MigrationInterface, QueryRunner } from 'typeorm';
import { hubSchemaOf } from '../hub-schema';

/**
 * The model registry, shared by every model kind (`lead-score` first; deal win and churn later),
 * and the current lead score of each contact. At most one active version per kind, enforced by a
 * partial unique index. The artefact is `json` (kept as text) rather than `jsonb`, so that it comes
 * back byte for byte and every double of every tree is exact.
 */
export class ModelRegistry1732406800000 implements MigrationInterface {
  name = 'ModelRegistry1732406800000';

  async up(runner: QueryRunner): Promise<void> {
    const s = hubSchemaOf(runner);
    await runner.query(`
      CREATE TABLE ${s}.model_versions (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        kind text NOT NULL, version integer NOT NULL,
        status text NOT NULL CHECK (status IN ('active', 'retired')),
        params jsonb NOT NULL, features jsonb NOT NULL, training_window jsonb NOT NULL, metrics jsonb NOT NULL,
        artefact json NOT NULL, trained_by text,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (kind, version));
      CREATE UNIQUE INDEX model_versions_one_active_idx ON ${s}.model_versions (kind) WHERE status = 'active';

      CREATE TABLE ${s}.lead_scores (
        contact_id bigint PRIMARY KEY,
        score smallint NOT NULL CHECK (score BETWEEN 0 AND 100),
        probability double precision NOT NULL, confidence double precision NOT NULL, confidence_level text NOT NULL,
        factors jsonb NOT NULL, base_logit double precision NOT NULL, recommendation text NOT NULL,
        method text NOT NULL CHECK (method IN ('model', 'rules')), model_version text NOT NULL,
        as_of timestamptz NOT NULL, scored_at timestamptz NOT NULL DEFAULT now());
      CREATE INDEX lead_scores_rank_idx ON ${s}.lead_scores (probability DESC, contact_id);
      CREATE INDEX lead_scores_scored_at_idx ON ${s}.lead_scores (scored_at);
    `);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = hubSchemaOf(runner);
    await runner.query(`DROP TABLE ${s}.lead_scores; DROP TABLE ${s}.model_versions;`);
  }
}
