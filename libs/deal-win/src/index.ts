/**
 * @hub/deal-win: point-in-time deal snapshots, deal-win features and labels, training on `@hub/ml`,
 * and explained, calibrated win probabilities. Plain functions over plain CRM records; no I/O.
 */
export {};
