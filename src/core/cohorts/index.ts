/**
 * Cohorts: named filters over a dataset's columns and a model's outputs, written in a small,
 * safe expression language (`age < 30 and sex == "F"`, `score between 0.4 and 0.6`,
 * `label in ("a", "b")`, `income is missing`), and every metric per cohort.
 */
export { checkCohort, cohortMask, cohortRows, parseCohort, resolveCohorts, type Cohort, type ParsedCohort } from './cohort';
export { evaluateCohorts, type CohortMetrics, type CohortsResult } from './cohortMetrics';
export { CohortExpressionError } from './errors';
export { provisionalSchema, schemaOf, SPECIAL_NAMES, type CohortFrame, type CohortSchema, type FrameColumn, type ValueType } from './frame';
export { parseExpression, type Expr } from './parser';
export { checkBeforePredict, preparedFrame, selectCohort } from './prepared';
export { cohortFrame, predictedIndices, specialColumns, type PredictionContext } from './special';
export { subsetColumn, subsetPrediction } from './subset';
