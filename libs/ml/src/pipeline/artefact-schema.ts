import { z } from 'zod';

/**
 * The JSON shape of a model artefact. Everything is validated on the way in: an artefact is read
 * back from a database column or a file, and a malformed tree could otherwise loop or read out of
 * bounds at scoring time. z.number() rejects NaN and ±Infinity, which JSON cannot carry anyway.
 */
const count = z.number().int().nonnegative();

export const featureEncoderSchema = z.object({
  version: z.literal(1),
  features: z.array(
    z.object({
      name: z.string(),
      kind: z.enum(['numeric', 'boolean', 'categorical']),
      levels: z.array(z.string()).optional(),
    }),
  ),
});

export const treeJsonSchema = z.object({
  feature: z.array(z.number().int().min(-1)),
  threshold: z.array(z.number()),
  defaultLeft: z.array(z.union([z.literal(0), z.literal(1)])),
  left: z.array(z.number().int().min(-1)),
  right: z.array(z.number().int().min(-1)),
  value: z.array(z.number()),
  cover: z.array(z.number().positive()),
});

export const gbtParamsSchema = z.object({
  numTrees: count,
  learningRate: z.number(),
  maxDepth: count,
  minSamplesLeaf: count,
  minChildWeight: z.number(),
  l2: z.number(),
  minSplitGain: z.number(),
  subsample: z.number(),
  featureFraction: z.number(),
  maxBins: count,
  earlyStoppingRounds: count,
  seed: z.number(),
});

export const gbtModelJsonSchema = z.object({
  type: z.literal('gbt'),
  featureNames: z.array(z.string()),
  initialMargin: z.number(),
  trees: z.array(treeJsonSchema),
  params: gbtParamsSchema,
  gainImportance: z.array(z.number()),
});

const numericBasisSchema = z.enum(['linear', 'spline', 'binned']);

export const logisticModelJsonSchema = z.object({
  type: z.literal('logistic'),
  featureNames: z.array(z.string()),
  params: z.object({
    l2: z.number(),
    numericBasis: numericBasisSchema,
    splineKnots: count,
    bins: count,
    interactions: z.array(z.tuple([z.string(), z.string()])),
    maxIterations: count,
    tolerance: z.number(),
  }),
  basis: z.object({
    terms: z.array(
      z.object({
        column: count,
        basis: numericBasisSchema,
        fillValue: z.number(),
        center: z.number(),
        missingIndicator: z.boolean(),
        lower: z.number(),
        upper: z.number(),
        knots: z.array(z.number()).optional(),
        cutPoints: z.array(z.number()).optional(),
      }),
    ),
    interactions: z.array(z.object({ columns: z.tuple([count, count]), name: z.string() })),
  }),
  designNames: z.array(z.string()),
  intercept: z.number(),
  coefficients: z.array(z.number()),
  designMeans: z.array(z.number()),
  converged: z.boolean(),
});

export const calibratorSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('identity') }),
  z.object({ type: z.literal('platt'), a: z.number().nonnegative(), b: z.number() }),
  z.object({ type: z.literal('isotonic'), x: z.array(z.number()).min(1), y: z.array(z.number().min(0).max(1)).min(1) }),
]);

const metric = z.number().nullable();
const splitReportSchema = z.object({ rows: count, from: z.string().nullable(), to: z.string().nullable(), baseRate: metric });

export const modelMetricsSchema = z.object({
  chosenLearner: z.enum(['gbt', 'logistic']),
  candidates: z.array(
    z.object({
      learner: z.enum(['gbt', 'logistic']),
      validationLogLoss: z.number(),
      validationRocAuc: metric,
      trees: count.optional(),
    }),
  ),
  calibrationMethod: z.enum(['identity', 'platt', 'isotonic']),
  split: z.object({
    train: splitReportSchema,
    fit: splitReportSchema,
    validation: splitReportSchema,
    calibration: splitReportSchema,
    test: splitReportSchema,
  }),
  test: z.object({
    count,
    baseRate: metric,
    rocAuc: metric,
    prAuc: metric,
    logLoss: metric,
    brierScore: metric,
    expectedCalibrationError: metric,
    expectedCalibrationErrorEqualMass: metric,
    liftTopDecile: metric,
    calibration: z.array(
      z.object({ lower: z.number(), upper: z.number(), meanPredicted: z.number(), observedRate: z.number(), count }),
    ),
  }),
  testUncalibrated: z.object({ logLoss: metric, rocAuc: metric }),
  deployedCalibration: z.object({
    fittedOn: z.enum(['calibration', 'held-out']),
    rows: count,
    levelStandardError: z.number().nonnegative().nullable(),
    levelWeightedBy: z.string().nullable(),
  }).optional(),
});

export const modelArtefactJsonSchema = z.object({
  kind: z.string(),
  version: z.literal(1),
  featureEncoder: featureEncoderSchema,
  learner: z.discriminatedUnion('type', [gbtModelJsonSchema, logisticModelJsonSchema]),
  calibrator: calibratorSchema,
  evaluatedCalibrator: calibratorSchema.optional(),
  metrics: modelMetricsSchema,
  trainedAt: z.string().optional(),
});

export type TreeJson = z.infer<typeof treeJsonSchema>;
export type ModelArtefactJson = z.infer<typeof modelArtefactJsonSchema>;
