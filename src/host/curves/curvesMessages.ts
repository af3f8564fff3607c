/**
 * User-facing strings of the training-curves feature, kept together (contribution titles live
 * in package.nls.json).
 */
export const curvesMessages = {
  pickTitle: 'Posthoc: Show Training Curves',
  pickPlaceholder: 'Pick the logdir: the folder that holds the runs',
  browse: '$(folder-opened) Browse…',
  browseDetail: 'Pick a folder outside the workspace',
  openLabel: 'Show Training Curves',
  panelTitle: (name: string) => `Curves: ${name}`,
  waiting: (logdir: string) => `Waiting for training logs in ${logdir}… (the panel updates as soon as some appear)`,
  readFailed: (message: string) => `Could not read the training logs: ${message}`,
  stillLoading: 'Posthoc: the training curves are still loading; export once they are shown.',
  notAFolder: (path: string) => `Posthoc: ${path} is not a folder; pick the folder that holds the runs (the logdir).`,
} as const;
