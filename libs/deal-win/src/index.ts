/**
 * @hub/deal-win: point-in-time deal snapshots and facts, deal-win features and labels, training on
 * `@hub/ml`, and explained, calibrated win probabilities (or the stage rules while data is thin).
 * Plain functions over plain CRM records; no I/O. See docs/deal-win.md.
 */
export * from './deal-win-settings';
export * from './snapshot/deal-snapshot';
export { dealSnapshotsFromRecords } from './snapshot/deal-snapshots-from-records';
export { ownerWinRates, type OwnerWinRates, type WinRateAt } from './snapshot/owner-win-rates';
export { amountNorms, MIN_NORM_DEALS, type AmountNorms } from './snapshot/amount-norms';
export { toEur, type EurRates } from './facts/currency';
export { dealContext, type DealContext } from './facts/deal-context';
export { dealFactsAt, type DealFacts, type ContactEngagement, type ExpectedCloseChange, type StageEntry, type TouchCounts } from './facts/deal-facts';
export { OPEN_STAGES } from './facts/stage-facts';
export { extractDealFeatures, dealFeaturesFromFacts, DEAL_CUSTOM_PREFIX } from './features/deal-features';
export { LEAD_PREFIX } from './features/contact-features';
export { labelDeal, sampleMoments, type DealLabel } from './labels/win-label';
export * from './training/training-examples';
export * from './training/data-sufficiency';
export * from './training/train-deal-win-model';
export { dealFactorGroupOf } from './scoring/deal-factor-groups';
export { dealFactorPhrase } from './scoring/deal-factor-phrases';
export { DEFAULT_STAGE_WIN_RATES, historicalStageWinRates, type StageWinRate } from './scoring/stage-rules';
export {
  DealNotOpenError, predictDealWin, type DealWinFactor, type DealWinModel, type DealWinPrediction, type PredictOptions,
} from './scoring/predict-deal-win';
