/**
 * Drift statistics for monitoring (notebook 08, lab 04): the tests, Evidently's default choice
 * of test per column, reference statistics for metadata.json, and the drift report.
 */
export { logGamma, regularizedGammaP, regularizedGammaQ, chiSquareSf, normalSf } from './special';
export { ks2samp, kolmogorovSf, KS_EXACT_MAX_N, type KsResult } from './ks';
export { chiSquareTest, chiSquareDrift, zTestDrift, categoryKeys, type Counts, type TestResult } from './categorical';
export { wasserstein, wassersteinNormed, populationStd, jensenShannon, psi, categoryShares, sturgesShares } from './distances';
export {
  selectMethod,
  runMethod,
  DEFAULT_THRESHOLDS,
  SMALL_REFERENCE_MAX_ROWS,
  type ColumnType,
  type DriftMethod,
  type MethodOutcome,
  type MethodInputs,
} from './methods';
export {
  referenceStatistics,
  roundValue,
  quantileSorted,
  type Row,
  type DriftReference,
  type ColumnReference,
  type NumericReference,
  type CategoricalReference,
  type ReferenceOptions,
} from './reference';
export { driftReport, type DriftReport, type ColumnDrift, type ReportOptions } from './report';
export { textFeatures, monitoringRow, type TextFeatures, type MonitoringRow } from './text-features';
export {
  rocAuc,
  domainClassifierDrift,
  domainClassifierDriftCV,
  DOMAIN_AUC_THRESHOLD,
  type DomainDrift,
  type TrainDomainClassifier,
} from './domain';
