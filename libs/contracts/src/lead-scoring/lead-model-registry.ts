import type { BinaryMetrics } from './binary-metrics';

/** Known conversions against what a trained model needs; below it the rules score. */
export interface DataSufficiency {
  conversions: number;
  needed: number;
  /** Labelled examples (leads whose horizon has passed, or that converted). */
  labelled: number;
  /** conversions / needed, capped at 1: the dashboard's meter. */
  ratio: number;
  sufficient: boolean;
}

export type ModelStatus = 'active' | 'retired';

/** One registered model version (the artefact itself stays on the server). */
export interface ModelVersionView {
  id: number;
  kind: string;
  version: number;
  /** `lead-score@3`. */
  label: string;
  status: ModelStatus;
  params: Record<string, unknown>;
  features: string[];
  training_window: {
    from: string | null; to: string | null; data_end: string; horizon_days: number; qualification_days: number;
    /** Known conversions when trained: the retrain trigger counts new outcomes from it (absent on early versions). */
    conversions?: number;
  };
  metrics: LeadModelMetrics;
  created_at: string;
  trained_by: string | null;
}

/** Held-out metrics of a version: the newest labelled leads, which no training step saw. */
export interface LeadModelMetrics {
  learner: string;
  calibration: string;
  test: BinaryMetrics;
  validation: { learner: string; log_loss: number; roc_auc: number | null }[];
  rows: { train: number; calibration: number; test: number };
}

/** `GET /api/models/lead-score`. */
export interface LeadModelRegistryView {
  kind: 'lead-score';
  /** What scores now: the active model, or the rules when none is active. */
  method: 'model' | 'rules';
  active: ModelVersionView | null;
  versions: ModelVersionView[];
  sufficiency: DataSufficiency;
}

/** `TrainLeadModelJob` payload. */
export interface TrainLeadModelJobData {
  requestedBy: string;
}

/** What the training job (and `hub train lead-score`) reports. */
export interface TrainLeadModelResult {
  /** `model` when a version was registered; `rules` when data was insufficient (nothing registered). */
  outcome: 'model' | 'rules';
  version: ModelVersionView | null;
  sufficiency: DataSufficiency;
  reason?: string;
  rescored: number;
  durationMs: number;
}

export interface RollbackLeadModelRequest {
  /** The version to make active; default the newest version older than the active one. */
  version?: number;
}
