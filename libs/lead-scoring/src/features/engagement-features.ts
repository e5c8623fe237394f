import type { FeatureValue } from '@hub/ml';
import { DAY_MS } from '../lead-scoring-settings';
import { timeMs, type LeadSnapshot } from '../snapshot/lead-snapshot';

/** Activity types that measure engagement (history types are read by the deal and lifecycle features). */
export const ENGAGEMENT_TYPES = [
  'website_visit', 'form_submitted', 'content_download', 'email_sent', 'email_opened', 'email_clicked', 'email_replied',
  'call', 'meeting', 'demo', 'note',
] as const;
export type EngagementType = (typeof ENGAGEMENT_TYPES)[number];

/**
 * Recency windows in days. Scored at its cut-off a training lead is 21 days old, so its 30- and 90-day
 * counts are its whole history; a current lead scored today has older history, and the windows make
 * "visited four times this month" mean the same for both.
 */
export const ENGAGEMENT_WINDOWS = [7, 30, 90] as const;

/** What the lead did (as opposed to what sales did to it): the basis of "days since last engagement". */
const LEAD_INITIATED = new Set<string>(['website_visit', 'form_submitted', 'content_download', 'email_opened', 'email_clicked', 'email_replied', 'meeting', 'demo']);
const ENGAGEMENT = new Set<string>(ENGAGEMENT_TYPES);

export function windowFeature(type: string, days: number): string {
  return `${type}_${days}d`;
}

const ratio = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

/**
 * Engagement by type over the recency windows, email open/click/reply rates, emails each way,
 * meetings and demos held, and days since the last engagement and touch: all from records whose time
 * is strictly before the cut-off.
 */
export function engagementFeatures(snapshot: LeadSnapshot, cutoff: number, row: Record<string, FeatureValue>): void {
  const windowMs = ENGAGEMENT_WINDOWS.map((days) => days * DAY_MS);
  const counts = new Map<string, number[]>(ENGAGEMENT_TYPES.map((type) => [type, ENGAGEMENT_WINDOWS.map(() => 0)]));
  let lastEngagement = -Infinity;
  let lastTouch = -Infinity;
  let demos = 0;

  for (const activity of snapshot.activities) {
    if (!ENGAGEMENT.has(activity.type)) continue;
    const t = timeMs(activity.occurred_at);
    if (!(t < cutoff)) continue;
    const age = cutoff - t;
    const byWindow = counts.get(activity.type)!;
    for (let w = 0; w < windowMs.length; w++) if (age <= windowMs[w]!) byWindow[w]!++;
    if (activity.type === 'demo') demos++;
    if (LEAD_INITIATED.has(activity.type) && t > lastEngagement) lastEngagement = t;
    if (t > lastTouch) lastTouch = t;
  }
  for (const type of ENGAGEMENT_TYPES) {
    const byWindow = counts.get(type)!;
    ENGAGEMENT_WINDOWS.forEach((days, w) => (row[windowFeature(type, days)] = byWindow[w]!));
  }

  const last90 = (type: EngagementType) => counts.get(type)![2]!;
  row['email_open_rate_90d'] = ratio(last90('email_opened'), last90('email_sent'));
  row['email_click_rate_90d'] = ratio(last90('email_clicked'), last90('email_sent'));
  row['email_reply_rate_90d'] = ratio(last90('email_replied'), last90('email_sent'));

  let inbound = 0;
  let outbound = 0;
  for (const email of snapshot.emails) {
    const t = timeMs(email.sent_at);
    if (!(t < cutoff)) continue;
    if (t > lastTouch) lastTouch = t;
    if (email.direction === 'inbound' && t > lastEngagement) lastEngagement = t;
    if (cutoff - t > 90 * DAY_MS) continue;
    if (email.direction === 'inbound') inbound++;
    else outbound++;
  }
  row['emails_inbound_90d'] = inbound;
  row['emails_outbound_90d'] = outbound;

  let meetingsTotal = 0;
  let meetings90 = 0;
  let minutes90 = 0;
  for (const meeting of snapshot.meetings) {
    const t = timeMs(meeting.started_at);
    if (!(t < cutoff)) continue;
    meetingsTotal++;
    if (t > lastTouch) lastTouch = t;
    if (cutoff - t <= 90 * DAY_MS) {
      meetings90++;
      minutes90 += meeting.duration_minutes ?? 0;
    }
  }
  row['meetings_held_total'] = meetingsTotal;
  row['meetings_held_90d'] = meetings90;
  row['meeting_minutes_90d'] = minutes90;
  row['demo_held'] = demos > 0;

  row['days_since_last_engagement'] = Number.isFinite(lastEngagement) ? Math.floor((cutoff - lastEngagement) / DAY_MS) : null;
  row['days_since_last_touch'] = Number.isFinite(lastTouch) ? Math.floor((cutoff - lastTouch) / DAY_MS) : null;
}
