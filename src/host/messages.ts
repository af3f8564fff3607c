/**
 * Every user-facing string the host shows, in one place (contribution titles live in
 * package.nls.json). Functions for the strings that take values.
 */
export const messages = {
  untrusted:
    'Posthoc does not run models in Restricted Mode: an ONNX file can make the runtime read other files and use a lot of memory. Trust this workspace to evaluate models.',
  manageTrust: 'Manage Workspace Trust',
  pickModelTitle: 'Posthoc: Evaluate Model (1/3) — model',
  pickModelPlaceholder: 'Pick an ONNX model',
  pickDataTitle: 'Posthoc: Evaluate Model (2/3) — dataset',
  pickDataPlaceholder: 'Pick the dataset to evaluate on',
  pickLabelTitle: 'Posthoc: Evaluate Model (3/3) — label column',
  pickLabelPlaceholder: 'Pick the column that holds the true labels',
  browse: '$(folder-opened) Browse…',
  browseDetail: 'Pick a file outside the list',
  guessedLabel: 'guessed label column',
  noModels: 'No .onnx files found in the workspace. Browse for one?',
  progressTitle: 'Posthoc: evaluating',
  cancelled: 'Posthoc: evaluation cancelled.',
  showLog: 'Show Log',
  noResultForJson: 'This report was restored without its raw result, so it cannot be saved as JSON; export HTML or Markdown, or evaluate again.',
  noReport: 'Posthoc: there is no report to export. Evaluate a model first.',
  exported: (path: string) => `Posthoc: saved ${path}`,
  unexpected: (message: string) => `Posthoc: unexpected error: ${message}`,
  notAResult: (path: string) => `${path} is not a Posthoc evaluation result (expected the JSON written by "posthoc evaluate --json").`,
  fileExists: (path: string) => `${path} already exists: pick the file in the save dialog to confirm overwriting it.`,
} as const;
