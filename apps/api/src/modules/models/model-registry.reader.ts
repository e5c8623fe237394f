import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { hubSchemaOf } from '../../core/database/hub-schema';

/** One version of a model as the registry overview shows it: no artefact, metrics summarised. */
export interface ModelVersionSummary {
  version: number;
  label: string;
  status: 'active' | 'retired';
  createdAt: string;
  trainedBy: string | null;
  features: number;
  /** The metrics' scalar facts, flattened (`test.roc_auc`, `rows.train`, `learner`…). */
  metrics: Record<string, number | string | boolean | null>;
}

export interface ModelKindSummary {
  kind: string;
  active: ModelVersionSummary | null;
  versions: ModelVersionSummary[];
}

interface Row {
  kind: string;
  version: number;
  status: 'active' | 'retired';
  created_at: Date;
  trained_by: string | null;
  features: unknown[];
  metrics: Record<string, unknown>;
}

/**
 * Reads `model_versions` for every kind at once (lead scores today; deal win, churn… as they land).
 * Writes stay with each kind's own registry (e.g. LeadModelRegistry).
 */
@Injectable()
export class ModelRegistryReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async overview(): Promise<ModelKindSummary[]> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT kind, version, status, created_at, trained_by, features, metrics
         FROM ${hubSchemaOf(this.dataSource)}.model_versions ORDER BY kind, version DESC`);
    const kinds = new Map<string, ModelKindSummary>();
    for (const row of rows) {
      const summary = summarise(row);
      const kind = kinds.get(row.kind) ?? { kind: row.kind, active: null, versions: [] };
      kind.versions.push(summary);
      if (summary.status === 'active') kind.active = summary;
      kinds.set(row.kind, kind);
    }
    return [...kinds.values()];
  }
}

function summarise(row: Row): ModelVersionSummary {
  return {
    version: row.version,
    label: `${row.kind}@${row.version}`,
    status: row.status,
    createdAt: row.created_at.toISOString(),
    trainedBy: row.trained_by,
    features: Array.isArray(row.features) ? row.features.length : 0,
    metrics: flattenScalars(row.metrics),
  };
}

/** Scalar leaves of a metrics object, two levels deep, arrays skipped (per-learner tables stay out). */
export function flattenScalars(value: Record<string, unknown>, prefix = '', depth = 0): Record<string, number | string | boolean | null> {
  const out: Record<string, number | string | boolean | null> = {};
  for (const [key, item] of Object.entries(value ?? {})) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (item === null || ['number', 'string', 'boolean'].includes(typeof item)) out[path] = item as number | string | boolean | null;
    else if (typeof item === 'object' && !Array.isArray(item) && depth < 1) Object.assign(out, flattenScalars(item as Record<string, unknown>, path, depth + 1));
  }
  return out;
}
