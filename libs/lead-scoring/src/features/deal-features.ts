import type { FeatureValue } from '@hub/ml';
import { timeMs, type LeadSnapshot, type SnapshotDeal } from '../snapshot/lead-snapshot';

const STAGE_ORDER = ['prospecting', 'qualification', 'proposal', 'negotiation'];

interface DealAtCutoff {
  readonly deal: SnapshotDeal;
  /** The stage it was in at the cut-off, or `unknown` when the CRM logged no history for it. */
  readonly stage: string;
}

/** The last `to` of history activities before the cut-off, per key (deal id, or the contact for lifecycle). */
function lastMoveBefore(snapshot: LeadSnapshot, type: 'stage_changed' | 'lifecycle_changed', cutoff: number, keyOf: (a: LeadSnapshot['activities'][number]) => number | null | undefined): Map<number, string> {
  const latest = new Map<number, { t: number; to: string }>();
  for (const activity of snapshot.activities) {
    if (activity.type !== type) continue;
    const key = keyOf(activity);
    const to = activity.metadata?.['to'];
    const t = timeMs(activity.occurred_at);
    if (typeof key !== 'number' || typeof to !== 'string' || !(t < cutoff)) continue;
    const seen = latest.get(key);
    if (!seen || t >= seen.t) latest.set(key, { t, to });
  }
  return new Map([...latest].map(([key, move]) => [key, move.to]));
}

/**
 * The contact's deals as they were at the cut-off: only deals created before it, each in the stage
 * its `stage_changed` history shows then. The current `stage` is read only for a deal closed before the
 * cut-off without history (its `closed_at` says the stage was final by then).
 */
function dealsAtCutoff(snapshot: LeadSnapshot, cutoff: number): DealAtCutoff[] {
  const stageAt = lastMoveBefore(snapshot, 'stage_changed', cutoff, (a) => a.deal_id);
  const deals: DealAtCutoff[] = [];
  for (const deal of snapshot.deals) {
    if (!(timeMs(deal.created_at) < cutoff)) continue;
    const fromHistory = stageAt.get(deal.id);
    const closedBefore = timeMs(deal.closed_at) < cutoff;
    deals.push({ deal, stage: fromHistory ?? (closedBefore && deal.stage ? deal.stage : 'unknown') });
  }
  return deals;
}

const isOpen = (d: DealAtCutoff) => d.stage !== 'closed_won' && d.stage !== 'closed_lost';

/**
 * Deal facts known at the cut-off, and the lifecycle stage the contact's history shows then. With a
 * focus deal (`score-lead` with a `deal_id`) the stage, amount and budget are that deal's; otherwise
 * the most advanced open deal's.
 */
export function dealFeatures(snapshot: LeadSnapshot, cutoff: number, row: Record<string, FeatureValue>, focusDealId?: number): void {
  const deals = dealsAtCutoff(snapshot, cutoff);
  const open = deals.filter(isOpen);
  const focus = (focusDealId === undefined ? undefined : deals.find((d) => d.deal.id === focusDealId))
    ?? [...open].sort((a, b) => STAGE_ORDER.indexOf(b.stage) - STAGE_ORDER.indexOf(a.stage))[0];
  row['open_deals'] = open.length;
  row['won_deals_before'] = deals.filter((d) => d.stage === 'closed_won').length;
  row['lost_deals_before'] = deals.filter((d) => d.stage === 'closed_lost').length;
  row['deal_stage'] = focus ? focus.stage : null;
  row['deal_amount'] = focus?.deal.amount ?? null;
  // Budget is a fact about a deal, so it is unknown (not "false") while no deal exists.
  row['budget_confirmed'] = focus ? (focus.deal.budget_confirmed ?? null) : null;
  const lifecycle = lastMoveBefore(snapshot, 'lifecycle_changed', cutoff, (a) => (a.contact_id === snapshot.contact.id ? snapshot.contact.id : null));
  row['lifecycle_at_cutoff'] = lifecycle.get(snapshot.contact.id) ?? null;
}
