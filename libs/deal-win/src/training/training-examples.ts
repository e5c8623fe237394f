import type { FeatureRow } from '@hub/ml';
import { SAMPLE_AGES_DAYS } from '../deal-win-settings';
import type { DealContext } from '../facts/deal-context';
import { extractDealFeatures } from '../features/deal-features';
import { labelDeal, sampleMoments } from '../labels/win-label';
import type { DealSnapshot } from '../snapshot/deal-snapshot';

/** The outcome and time columns of a training row; features take every other key. */
export const TARGET_COLUMN = 'won';
/** The deal's first sample moment: every row of a deal shares it, so a deal falls in one split. */
export const TIME_COLUMN = 'first_sampled_at';

export interface DealExample {
  readonly dealId: number;
  /** Epoch ms the features were taken at. */
  readonly at: number;
  /** The deal's first sample moment (the time split's key). */
  readonly firstAt: number;
  readonly won: boolean;
  readonly features: FeatureRow;
}

export interface DealExampleOptions {
  /** The data's end (epoch ms): the latest moment the store knows about. */
  readonly dataEnd: number;
  readonly context?: DealContext;
  readonly horizonDays?: number;
  readonly sampleAgesDays?: readonly number[];
}

export interface DealExampleCounts {
  /** Closed deals with at least one example row, and the wins among them. */
  labelled: number;
  wins: number;
  rows: number;
  open: number;
  tooRecent: number;
}

export function emptyDealExampleCounts(): DealExampleCounts {
  return { labelled: 0, wins: 0, rows: 0, open: 0, tooRecent: 0 };
}

/**
 * Labelled rows from closed deals, one per sample moment of their open life; open and too-recent deals
 * are counted and left out. Works page by page: pass the same `counts` to every call.
 */
export function buildDealExamples(snapshots: Iterable<DealSnapshot>, options: DealExampleOptions, counts = emptyDealExampleCounts()): DealExample[] {
  const examples: DealExample[] = [];
  for (const snapshot of snapshots) {
    const label = labelDeal(snapshot, options.dataEnd, options.horizonDays);
    if (label.kind === 'open') counts.open++;
    else if (label.kind === 'too-recent') counts.tooRecent++;
    else {
      const moments = sampleMoments(snapshot, label.closedAt, options.sampleAgesDays ?? SAMPLE_AGES_DAYS);
      if (moments.length === 0) continue;
      counts.labelled++;
      if (label.won) counts.wins++;
      counts.rows += moments.length;
      for (const at of moments) {
        examples.push({ dealId: snapshot.deal.id, at, firstAt: moments[0]!, won: label.won, features: extractDealFeatures(snapshot, at, options.context) });
      }
    }
  }
  return examples;
}

/** Rows for `@hub/ml`'s `trainModel`: the features plus the time and outcome columns. */
export function trainingRows(examples: readonly DealExample[]): FeatureRow[] {
  return examples.map((e) => ({ ...e.features, [TIME_COLUMN]: e.firstAt, [TARGET_COLUMN]: e.won }));
}
