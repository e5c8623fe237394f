import type { MigrationInterface, QueryRunner } from 'typeorm';
import { hubSchemaOf } from '../hub-schema';

/**
 * Sales forecasting: the current win prediction of each open deal (the deal-win model's versions live
 * in model_versions, kind `deal-win`), and each forecast run's inputs and results. A run keeps its
 * inputs (`state`) so that a question with a different quota re-simulates without reloading the CRM.
 */
export class Forecasting1732407000000 implements MigrationInterface {
  name = 'Forecasting1732407000000';

  async up(runner: QueryRunner): Promise<void> {
    const s = hubSchemaOf(runner);
    await runner.query(`
      CREATE TABLE ${s}.deal_predictions (
        deal_id bigint PRIMARY KEY,
        probability double precision NOT NULL CHECK (probability >= 0 AND probability <= 1),
        confidence double precision NOT NULL, factors jsonb NOT NULL, base_logit double precision NOT NULL,
        method text NOT NULL CHECK (method IN ('model', 'rules')), model_version text NOT NULL,
        as_of timestamptz NOT NULL, scored_at timestamptz NOT NULL DEFAULT now());
      CREATE INDEX deal_predictions_probability_idx ON ${s}.deal_predictions (probability DESC);

      CREATE TABLE ${s}.forecast_runs (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        as_of timestamptz NOT NULL, model_version text NOT NULL, trigger text NOT NULL,
        settings jsonb NOT NULL, state json NOT NULL, result jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now());
      CREATE INDEX forecast_runs_created_at_idx ON ${s}.forecast_runs (created_at DESC);
    `);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = hubSchemaOf(runner);
    await runner.query(`DROP TABLE ${s}.forecast_runs; DROP TABLE ${s}.deal_predictions;`);
  }
}
