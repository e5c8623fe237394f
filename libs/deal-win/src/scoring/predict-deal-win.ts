import { modelBaseRate, scoreConfidence } from '@hub/lead-scoring';
import { explain, logit, sigmoid, type FeatureRow, type FeatureValue, type ModelArtefact } from '@hub/ml';
import { DEAL_RULES_VERSION } from '../deal-win-settings';
import { dealFactsAt, type DealFacts } from '../facts/deal-facts';
import type { DealContext } from '../facts/deal-context';
import { dealFeaturesFromFacts } from '../features/deal-features';
import type { DealSnapshot } from '../snapshot/deal-snapshot';
import { DEAL_GROUP_EVIDENCE, dealFactorGroupOf } from './deal-factor-groups';
import { dealFactorPhrase } from './deal-factor-phrases';
import { DEFAULT_STAGE_WIN_RATES, type StageWinRate } from './stage-rules';

/** A trained deal-win model as the scorer needs it: the artefact and its registry label (`deal-win@3`). */
export interface DealWinModel {
  readonly artefact: ModelArtefact;
  readonly version: string;
}

export interface DealWinFactor {
  /** The factor group (`budget`, `owner`, `custom:deal.competitor`). */
  readonly feature: string;
  readonly phrase: string;
  /** Share of the log-odds; base + Σ = logit(probability). */
  readonly contribution: number;
  readonly evidence: Record<string, string | number | boolean | null>;
}

export interface DealWinPrediction {
  readonly dealId: number;
  readonly probability: number;
  readonly confidence: number;
  readonly confidenceLevel: 'low' | 'medium' | 'high';
  /** Largest absolute contribution first; factors contributing exactly nothing are not listed. */
  readonly factors: readonly DealWinFactor[];
  readonly baseLogOdds: number;
  readonly logOdds: number;
  readonly method: 'model' | 'rules';
  readonly modelVersion: string;
  readonly asOf: string;
  /** The deal as it stood, for risk flags and the forecast. */
  readonly facts: DealFacts;
}

export interface PredictOptions {
  /** Stage win rates for the rules (`historicalStageWinRates`); default DEFAULT_STAGE_WIN_RATES. */
  readonly stageWinRates?: Readonly<Record<string, StageWinRate | number>>;
}

export class DealNotOpenError extends Error {}

function shown(value: FeatureValue): string | number | boolean | null {
  if (value === undefined || value === null) return null;
  return value instanceof Date ? value.toISOString() : value;
}

function evidenceOf(group: string, row: FeatureRow): DealWinFactor['evidence'] {
  const features = DEAL_GROUP_EVIDENCE[group] ?? Object.keys(row).filter((f) => dealFactorGroupOf(f) === group);
  return Object.fromEntries(features.map((f) => [f, shown(row[f])]));
}

/** Confidence as lead scores have it, with the deal's touches of the last 90 days as its history. */
function confidenceOf(row: FeatureRow, method: 'model' | 'rules', testRocAuc: number | null, distanceFromBase: number) {
  const evidenceRow: FeatureRow = {
    seniority: row['seniority'], is_decision_maker: row['is_decision_maker'], lead_source: row['lead_source'],
    industry: row['industry'], employees: row['employees'], call_90d: row['touches_90d'],
  };
  return scoreConfidence({ row: evidenceRow, method, testRocAuc, distanceFromBase });
}

/**
 * The deal's win probability at `at` (epoch ms): with a trained model, calibrated and explained by its
 * exact contributions summed per factor group; without one (`model` null), the stage rule (the stage's
 * historical or default win rate), flagged `rules`. Throws DealNotOpenError for a deal not open at `at`.
 */
export function predictDealWin(model: DealWinModel | null, snapshot: DealSnapshot, at: number, context: DealContext = {}, options: PredictOptions = {}): DealWinPrediction {
  const facts = dealFactsAt(snapshot, at, context);
  if (!facts.isOpen) {
    const state = !facts.existed ? 'not created yet' : facts.won === null ? `in stage ${facts.stage}` : facts.won ? 'won' : 'lost';
    throw new DealNotOpenError(`deal ${facts.dealId} is not open at ${new Date(at).toISOString()} (${state})`);
  }
  const row = dealFeaturesFromFacts(snapshot, facts, context);
  const contributions = new Map<string, number>();
  let base: number;
  let baseRate: number;
  if (model) {
    const explanation = explain(model.artefact, row);
    base = explanation.bias;
    baseRate = modelBaseRate(model.artefact);
    for (const { feature, contribution } of explanation.contributions) {
      const group = dealFactorGroupOf(feature);
      contributions.set(group, (contributions.get(group) ?? 0) + contribution);
    }
  } else {
    const rateOf = (stage: string) => {
      const entry = options.stageWinRates?.[stage] ?? DEFAULT_STAGE_WIN_RATES[stage];
      return typeof entry === 'number' ? entry : entry?.rate;
    };
    baseRate = rateOf('unknown') ?? DEFAULT_STAGE_WIN_RATES['unknown']!;
    base = logit(baseRate);
    contributions.set('stage', logit(rateOf(facts.stage) ?? baseRate) - base);
  }
  let logOdds = base;
  const factors: DealWinFactor[] = [];
  for (const [group, contribution] of contributions) {
    logOdds += contribution;
    if (contribution === 0) continue;
    factors.push({ feature: group, phrase: dealFactorPhrase(group, row, contribution), contribution, evidence: evidenceOf(group, row) });
  }
  factors.sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution));
  const method = model ? 'model' : 'rules';
  const confidence = confidenceOf(row, method, model ? model.artefact.metrics.test.rocAuc : null, logOdds - logit(baseRate));
  return {
    dealId: facts.dealId,
    probability: sigmoid(logOdds),
    confidence: confidence.value,
    confidenceLevel: confidence.level,
    factors,
    baseLogOdds: base,
    logOdds,
    method,
    modelVersion: model ? model.version : DEAL_RULES_VERSION,
    asOf: new Date(at).toISOString(),
    facts,
  };
}
