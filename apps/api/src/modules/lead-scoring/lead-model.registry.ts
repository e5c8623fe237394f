import type { LeadModelMetrics, ModelStatus, ModelVersionView } from '@hub/contracts';
import { LEAD_MODEL_KIND, type LeadModel, type TrainedLeadModel } from '@hub/lead-scoring';
import { artefactFromJSON, artefactToJSON, type ModelArtefact } from '@hub/ml';
import type { DataSource, EntityManager } from 'typeorm';
import { hubSchemaOf } from '../../core/database/hub-schema';
import { HubProblem } from '../../core/http/problem-details.filter';

interface VersionRow {
  id: string;
  kind: string;
  version: number;
  status: ModelStatus;
  params: Record<string, unknown>;
  features: string[];
  training_window: ModelVersionView['training_window'];
  metrics: LeadModelMetrics;
  trained_by: string | null;
  created_at: Date;
}

const VIEW_COLUMNS = 'id, kind, version, status, params, features, training_window, metrics, trained_by, created_at';

export function versionLabel(kind: string, version: number): string {
  return `${kind}@${version}`;
}

function toView(row: VersionRow): ModelVersionView {
  return {
    id: Number(row.id),
    kind: row.kind,
    version: row.version,
    label: versionLabel(row.kind, row.version),
    status: row.status,
    params: row.params,
    features: row.features,
    training_window: row.training_window,
    metrics: row.metrics,
    created_at: row.created_at.toISOString(),
    trained_by: row.trained_by,
  };
}

/** What any kind's trained model brings to the registry (lead scoring's and deal-win's both fit). */
export interface RegistrableModel {
  readonly artefact: ModelArtefact;
  readonly params: object;
  readonly features: readonly string[];
  readonly metrics: LeadModelMetrics;
}

export interface RegistrationDetails {
  trainedBy: string | null;
  dataEnd: number;
  horizonDays: number;
  qualificationDays: number;
}

/**
 * The model registry for lead models, and for any kind given to the constructor (deal-win uses it
 * too; the table serves every kind): versions with their parameters, features, training window and
 * held-out metrics, one active at a time. Parsed artefacts are cached by row id: a version never
 * changes once written.
 */
export class LeadModelRegistry {
  private static readonly parsed = new Map<string, LeadModel>();
  private readonly s: string;

  constructor(private readonly dataSource: DataSource, private readonly kind = LEAD_MODEL_KIND) {
    this.s = hubSchemaOf(dataSource);
  }

  async versions(): Promise<ModelVersionView[]> {
    const rows: VersionRow[] = await this.dataSource.query(
      `SELECT ${VIEW_COLUMNS} FROM ${this.s}.model_versions WHERE kind = $1 ORDER BY version DESC`, [this.kind]);
    return rows.map(toView);
  }

  /** The active model, ready to score; null while none is active (the rules score). */
  async activeModel(): Promise<{ view: ModelVersionView; model: LeadModel } | null> {
    const rows: VersionRow[] = await this.dataSource.query(
      `SELECT ${VIEW_COLUMNS} FROM ${this.s}.model_versions WHERE kind = $1 AND status = 'active'`, [this.kind]);
    const row = rows[0];
    if (!row) return null;
    const view = toView(row);
    const cacheKey = `${this.s}:${row.id}`;
    let model = LeadModelRegistry.parsed.get(cacheKey);
    if (!model) {
      const [stored] = await this.dataSource.query(`SELECT artefact FROM ${this.s}.model_versions WHERE id = $1`, [row.id]);
      model = { artefact: artefactFromJSON(stored.artefact), version: view.label };
      if (LeadModelRegistry.parsed.size > 16) LeadModelRegistry.parsed.clear();
      LeadModelRegistry.parsed.set(cacheKey, model);
    }
    return { view, model };
  }

  /** Registers a trained lead model as the next version and makes it the active one. */
  register(trained: TrainedLeadModel, details: RegistrationDetails): Promise<ModelVersionView> {
    return this.registerVersion(trained, {
      from: trained.window.from, to: trained.window.to, data_end: new Date(details.dataEnd).toISOString(),
      horizon_days: details.horizonDays, qualification_days: details.qualificationDays, conversions: trained.sufficiency.conversions,
    }, details.trainedBy);
  }

  /** Registers a trained model of this registry's kind (any kind: deal-win too) as the next version, active. */
  async registerVersion(trained: RegistrableModel, window: ModelVersionView['training_window'] & Record<string, unknown>, trainedBy: string | null): Promise<ModelVersionView> {
    return this.dataSource.transaction(async (manager) => {
      await this.lock(manager);
      const [{ next }] = await manager.query(
        `SELECT coalesce(max(version), 0) + 1 AS next FROM ${this.s}.model_versions WHERE kind = $1`, [this.kind]);
      await manager.query(`UPDATE ${this.s}.model_versions SET status = 'retired' WHERE kind = $1 AND status = 'active'`, [this.kind]);
      const rows: VersionRow[] = await manager.query(`
        INSERT INTO ${this.s}.model_versions (kind, version, status, params, features, training_window, metrics, artefact, trained_by)
        VALUES ($1, $2, 'active', $3, $4, $5, $6, $7, $8) RETURNING ${VIEW_COLUMNS}`,
      [this.kind, next, JSON.stringify(trained.params), JSON.stringify(trained.features), JSON.stringify(window),
        JSON.stringify(trained.metrics), JSON.stringify(artefactToJSON(trained.artefact)), trainedBy]);
      return toView(rows[0]!);
    });
  }

  /**
   * Makes `version` the active one (default: the newest version older than the active one) and
   * retires the active one. Rolling back to the active version changes nothing.
   */
  async rollback(version?: number): Promise<ModelVersionView> {
    return this.dataSource.transaction(async (manager) => {
      await this.lock(manager);
      const rows: VersionRow[] = await manager.query(
        `SELECT ${VIEW_COLUMNS} FROM ${this.s}.model_versions WHERE kind = $1 ORDER BY version DESC`, [this.kind]);
      if (rows.length === 0) throw new HubProblem(409, 'no-model-versions', `There is no ${this.kind} model to roll back to: none has been trained yet.`);
      const active = rows.find((row) => row.status === 'active');
      const target = version !== undefined
        ? rows.find((row) => row.version === version)
        : rows.find((row) => (active ? row.version < active.version : true));
      if (!target) {
        throw version !== undefined
          ? new HubProblem(404, 'model-version-not-found', `There is no ${this.kind} version ${version}; versions are ${rows.map((r) => r.version).join(', ')}.`)
          : new HubProblem(409, 'no-older-version', `Version ${active!.version} is the oldest ${this.kind} model; there is nothing older to roll back to.`);
      }
      if (target.status === 'active') return toView(target);
      await manager.query(`UPDATE ${this.s}.model_versions SET status = 'retired' WHERE kind = $1 AND status = 'active'`, [this.kind]);
      await manager.query(`UPDATE ${this.s}.model_versions SET status = 'active' WHERE id = $1`, [target.id]);
      return toView({ ...target, status: 'active' });
    });
  }

  /** Registrations and rollbacks of one kind take turns. */
  private async lock(manager: EntityManager): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`${this.s}.model_versions:${this.kind}`]);
  }
}
