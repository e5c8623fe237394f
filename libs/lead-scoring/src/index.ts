/**
 * @hub/lead-scoring: point-in-time lead features, conversion labels, training on `@hub/ml`, the rules
 * for thin data, and explained, calibrated scores. Plain functions over plain CRM records; no I/O.
 * See docs/lead-scoring.md.
 */
export * from './lead-scoring-settings';
export * from './snapshot/lead-snapshot';
export { snapshotsFromRecords, type RecordLike } from './snapshot/snapshots-from-records';
export { extractLeadFeatures, type LeadFeatureOptions } from './features/lead-features';
export { ENGAGEMENT_TYPES, ENGAGEMENT_WINDOWS, windowFeature, type EngagementType } from './features/engagement-features';
export { companySegment, seniorityOf, CONTACT_CUSTOM_PREFIX, COMPANY_CUSTOM_PREFIX } from './features/profile-features';
export { conversionTime, labelLead, type LeadLabel } from './labels/conversion-label';
export * from './training/training-examples';
export * from './training/data-sufficiency';
export * from './training/train-lead-model';
export { redundantFeatures } from './training/redundant-features';
export { registryMetrics, trainWithoutRedundantFeatures, type RegisteredTrainingOptions } from './training/registered-training';
export * from './training/retrain-policy';
export { factorGroupOf, type FactorGroup } from './scoring/factor-groups';
export { factorPhrase, humanise } from './scoring/factor-phrases';
export { scoreConfidence, recentEvidence, RULES_QUALITY, type Confidence, type ConfidenceInputs } from './scoring/confidence';
export { recommend, scoreBand, type ScoreBand } from './scoring/recommendation';
export { LEAD_RULES, LeadNotScorableError, rulesApplicable, rulesContributions, scoreLeadWithRules, type RulesScoringOptions } from './scoring/rules-scorer';
export { modelBaseRate, scoreFeatureRow, scoreFeatureRows, scoreLeadWithModel, type LeadModel } from './scoring/model-scorer';
