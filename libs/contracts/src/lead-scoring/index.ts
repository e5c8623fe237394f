export * from './lead-scores';
export * from './lead-model-registry';
export type { BinaryMetrics as ModelBinaryMetrics, CalibrationBinView } from './binary-metrics';
