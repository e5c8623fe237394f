/** Retrain when known outcomes (lead conversions, deal wins) grew by this share since the active version was trained… */
export const RETRAIN_GROWTH = 0.2;
/** …or by this many, whichever comes first. */
export const RETRAIN_NEW_CONVERSIONS = 50;

export interface RetrainDecision {
  retrain: boolean;
  reason: string;
}

/**
 * Whether enough new outcomes arrived to retrain: `before` = known conversions at the active
 * version's data end, `now` = known conversions today (both by the label rule). Without an active
 * version, training is due as soon as the data suffices.
 */
export function retrainDecision(before: number | null, now: number, sufficient: boolean, outcomes = 'known conversions'): RetrainDecision {
  if (before === null) {
    return sufficient
      ? { retrain: true, reason: `no model is trained yet and the data now suffices (${now} ${outcomes})` }
      : { retrain: false, reason: `no model yet and too little data (${now} ${outcomes})` };
  }
  const added = now - before;
  if (added >= RETRAIN_NEW_CONVERSIONS) return { retrain: true, reason: `${added} new ${outcomes} since the active version (at least ${RETRAIN_NEW_CONVERSIONS})` };
  if (before > 0 && added >= RETRAIN_GROWTH * before) {
    return { retrain: true, reason: `${outcomes} grew ${Math.round((100 * added) / before)}% since the active version (${before} → ${now}; at least ${100 * RETRAIN_GROWTH}%)` };
  }
  return { retrain: false, reason: `${Math.max(0, added)} new ${outcomes} since the active version (${before}); not enough to retrain` };
}
