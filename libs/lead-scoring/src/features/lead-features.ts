import type { FeatureRow, FeatureValue } from '@hub/ml';
import type { LeadSnapshot } from '../snapshot/lead-snapshot';
import { dealFeatures } from './deal-features';
import { engagementFeatures } from './engagement-features';
import { profileFeatures } from './profile-features';

export interface LeadFeatureOptions {
  /** Describe this deal's stage, amount and budget (it must be one of the snapshot's deals). */
  readonly focusDealId?: number;
}

/**
 * The lead's features at `cutoff` (epoch ms): only what was known strictly before it. Activities,
 * emails and meetings count by their own time; deals by their creation and stage history; the
 * lifecycle by its history. Never read: the contact's current `lifecycle_stage` and `updated_at`, a
 * deal's current `stage` and `closed_at` unless the deal had closed before the cut-off.
 */
export function extractLeadFeatures(snapshot: LeadSnapshot, cutoff: number, options: LeadFeatureOptions = {}): FeatureRow {
  if (!Number.isFinite(cutoff)) throw new RangeError(`cut-off must be a time, got ${cutoff}`);
  const row: Record<string, FeatureValue> = {};
  profileFeatures(snapshot, cutoff, row);
  engagementFeatures(snapshot, cutoff, row);
  dealFeatures(snapshot, cutoff, row, options.focusDealId);
  return row;
}
