/** The model kind in the registry (`GET /api/models/deal-win`). */
export const DEAL_WIN_MODEL_KIND = 'deal-win';

export const DAY_MS = 86_400_000;

/**
 * The first moment a deal is judged: `created_at` + 14 days. Two weeks in, a deal has a stage, a first
 * round of calls and emails and usually a confirmed or unconfirmed budget; it is also the moment the
 * demo data's truth scores deals, so the model and the truth are compared at the same moment.
 */
export const FIRST_SAMPLE_DAYS = 14;

/**
 * Deal ages (days) at which closed deals are sampled for training, each while the deal was still open:
 * an open deal is scored at every age, so the model must have seen older deals too. A deal contributes
 * one row per age it reached open (one or two), so deals still open at 60 days weigh double; more later
 * ages (30, 60, 90, 180) cost 0.01 ROC AUC and calibration at the first moment on demo data, because
 * one model then has to average over ages (docs/deal-win.md).
 */
export const SAMPLE_AGES_DAYS = [14, 60] as const;

/**
 * Deals created less than this many days before the data's end are left out of training, closed or
 * not: among the newest deals only the fast closers have an outcome yet, and fast closers are more
 * often lost, so keeping them would bias the newest (calibration and test) splits.
 */
export const OUTCOME_HORIZON_DAYS = 120;

/** Closed deals (wins) a trained model needs; below it the stage rules score. */
export const MIN_WINS = 50;
export const MIN_CLOSED_DEALS = 200;

/** Closed deals of prior weight in the owner's smoothed win rate (toward the global rate). */
export const OWNER_PRIOR_DEALS = 10;

/**
 * Conversion rates to EUR, as units of the currency per 1 EUR (1 EUR = 1.08 USD). Configurable: pass
 * the CRM's own rates as `rates` in the deal context; a currency without a rate is an error.
 */
export const DEFAULT_EUR_RATES: Readonly<Record<string, number>> = { EUR: 1, USD: 1.08, GBP: 0.85 };

/** The rules' version label: bump it when the stage table changes. */
export const DEAL_RULES_VERSION = 'deal-rules@1';
