import type { FeatureRow } from '@hub/ml';
import { extractLeadFeatures } from '../features/lead-features';
import { labelLead } from '../labels/conversion-label';
import { DAY_MS, HORIZON_DAYS, QUALIFICATION_DAYS } from '../lead-scoring-settings';
import { timeMs, type LeadSnapshot } from '../snapshot/lead-snapshot';

/** The outcome and time columns of a training row; features take every other key. */
export const TARGET_COLUMN = 'converted';
export const TIME_COLUMN = 'cutoff';

export interface LeadExample {
  readonly contactId: number;
  /** Epoch ms of the cut-off the features were taken at. */
  readonly cutoff: number;
  readonly converted: boolean;
  readonly features: FeatureRow;
}

export interface ExampleOptions {
  /** The data's end (epoch ms): the latest moment the store knows about. */
  readonly dataEnd: number;
  readonly horizonDays?: number;
  readonly qualificationDays?: number;
}

export interface ExampleCounts {
  labelled: number;
  conversions: number;
  /** Cut-off after the data's end: the lead is younger than the qualification window. */
  tooYoung: number;
  horizonOpen: number;
  alreadyConverted: number;
}

export function emptyExampleCounts(): ExampleCounts {
  return { labelled: 0, conversions: 0, tooYoung: 0, horizonOpen: 0, alreadyConverted: 0 };
}

/** The lead's training cut-off: `created_at` + the qualification window. */
export function trainingCutoff(snapshot: LeadSnapshot, qualificationDays = QUALIFICATION_DAYS): number {
  return timeMs(snapshot.contact.created_at) + qualificationDays * DAY_MS;
}

/**
 * Labelled examples from snapshots, one per contact at its training cut-off; leads too young or with
 * an open horizon are counted and left out. Works page by page: pass the same `counts` to every call.
 */
export function buildLeadExamples(snapshots: Iterable<LeadSnapshot>, options: ExampleOptions, counts = emptyExampleCounts()): LeadExample[] {
  const examples: LeadExample[] = [];
  for (const snapshot of snapshots) {
    const cutoff = trainingCutoff(snapshot, options.qualificationDays);
    if (!(cutoff <= options.dataEnd)) {
      counts.tooYoung++;
      continue;
    }
    const label = labelLead(snapshot, cutoff, options.dataEnd, options.horizonDays ?? HORIZON_DAYS);
    if (label.kind === 'already-converted') counts.alreadyConverted++;
    else if (label.kind === 'horizon-open') counts.horizonOpen++;
    else {
      counts.labelled++;
      if (label.converted) counts.conversions++;
      examples.push({ contactId: snapshot.contact.id, cutoff, converted: label.converted, features: extractLeadFeatures(snapshot, cutoff) });
    }
  }
  return examples;
}

/** Rows for `@hub/ml`'s `trainModel`: the features plus the time and outcome columns. */
export function trainingRows(examples: readonly LeadExample[]): FeatureRow[] {
  return examples.map((e) => ({ ...e.features, [TIME_COLUMN]: e.cutoff, [TARGET_COLUMN]: e.converted }));
}
