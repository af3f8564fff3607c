/**
 * User-facing strings of the error-analysis, cohort and fairness commands (contribution titles
 * live in package.nls.json). Kept beside the commands so parallel work on the host does not collide.
 */
export const analysisStrings = {
  analyzing: 'Posthoc: analyzing errors of',
  evaluatingCohort: 'Posthoc: evaluating cohort',
  fairness: 'Posthoc: fairness of',
  pickSensitiveTitle: 'Posthoc: Fairness Report (4/4) — sensitive column',
  pickSensitivePlaceholder: 'Pick the column whose values form the groups (sex, age band, region…)',
  pickCohortTitle: 'Posthoc: Evaluate a Cohort',
  pickCohortPlaceholder: 'Pick an error-tree node or slice to evaluate on its own',
  treeNode: 'error tree',
  slice: 'slice',
  noErrorReport: 'Posthoc: there is no error-analysis report to take a cohort from. Run "Posthoc: Analyze Errors…" first, or pass a cohort expression.',
  noCohorts: 'Posthoc: this error analysis found no cohorts to evaluate (the tree has no splits and no slice was significant).',
  cohortSummary: (size: number, rate: string) => `${size} rows, ${rate} errors`,
  noSensitive: (label: string) => `The dataset has no column other than the label '${label}' to group by.`,
} as const;
