// The statistics engine's public surface: pure functions over per-arm sufficient statistics.
export * from './types.js';
export { normalPdf, normalCdf, normalSf, normalPpf, normalIsf, tPdf, tCdf, tSf, tPpf, tIsf, chi2Pdf, chi2Cdf, chi2Sf, chi2Ppf, chi2Isf } from './distributions.js';
export { armMoments, sampleMean, sampleVariance, poolSamples, type ArmMoments } from './moments.js';
export { normalEffect, relativeLift } from './effects.js';
export { wilsonInterval, compareProportions, pooledZTest, type Rate, type ProportionComparison } from './proportions.js';
export { meanInterval, welchTest, type MeanSummary, type MeanComparison, type WelchDifference } from './means.js';
export { ratioMoments, ratioInterval, compareRatios, type RatioSummary, type RatioComparison } from './ratio.js';
export { sampleRatioMismatch, type SrmOptions, type SrmResult } from './srm.js';
export { adjustPValues, holm, benjaminiHochberg, type Adjustment, type AdjustedPValues } from './multiple.js';
export { sampleSizePerArm, minimumDetectableEffect, type PlanOptions, type SampleSizePlan, type DetectableEffect } from './power.js';
export { bayesProportions, bayesMeans, type BayesResult } from './bayes.js';
export { sequentialRho, plannedPairSize, alwaysValid, sequentialCompare, type SequentialOptions, type AlwaysValid, type SequentialComparison } from './sequential.js';
export { analyseGrid, type GridArm, type GridCell, type Contrast, type GridResult, type Origin } from './grid.js';
export { nonInferiority, type NonInferiorityOptions, type NonInferiorityResult } from './noninferiority.js';
export { sampleFromSums, addSums } from './sums.js';
