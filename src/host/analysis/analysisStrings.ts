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
  allRows: 'All rows',
  fromFile: 'posthoc.json',
  fromAnalysis: 'error analysis',
  barShowing: (name: string, rows: number, total: number) => (rows === total ? `${name}: ${rows} rows` : `${name}: ${rows} of ${total} rows`),
  barEvaluating: (name: string) => `Evaluating ${name}…`,
  barRows: (rows: number) => `${rows} rows`,
  barTitle: (title: string, name: string, rows: number) => `${title} · ${name} (${rows} rows)`,
  barTooFew: (name: string, rows: number, min: number) => `'${name}' has ${rows} row${rows === 1 ? '' : 's'}; a report needs at least ${min}. Pick a broader cohort.`,
  barOneClass: (name: string, label: string, rows: number) =>
    `'${name}' holds only the class '${label}' in its ${rows} rows, so ROC AUC and the per-class metrics are undefined. Pick a cohort with more than one class.`,
  barFailed: (name: string, message: string) => `'${name}' could not be evaluated: ${message}`,
  barCancelled: (name: string) => `Evaluating '${name}' was cancelled.`,
  barNoChoice: (index: number, count: number) => `there is no cohort number ${index} in this bar; it has ${count} (0 to ${count - 1}).`,
  barNoData: 'This report has no dataset to re-evaluate (an image evaluation, or a result without its paths).',
  barFileProblem: (message: string) => `posthoc.json cohorts are not listed: ${message}`,
} as const;
