/**
 * The moment a lead is judged: `created_at` + 21 days. Three weeks is the CRM's usual qualification
 * window (a lead is worked, answers or goes quiet, and is passed to sales or not within it), and it
 * is the moment the demo data's truth scores its leads, so models are compared at the same moment.
 */
export const QUALIFICATION_DAYS = 21;

/**
 * A lead counts as converted when it becomes a customer within this many days after its cut-off.
 * 120 days covers the usual B2B cycle from qualified lead to signed deal (the demo data's converting
 * leads close 30-120 days after their scoring moment).
 */
export const HORIZON_DAYS = 120;

/** Known conversions a trained model needs; below this the rules score (Einstein asks for 120). */
export const MIN_CONVERSIONS = 50;

/** Labelled leads the time split needs so that every split keeps a few conversions. */
export const MIN_LABELLED = 200;

export const DAY_MS = 86_400_000;

/** The model kind in the registry. */
export const LEAD_MODEL_KIND = 'lead-score';

/** The rules' version label: bump it when a rule's points change. */
export const RULES_VERSION = 'rules@1';
