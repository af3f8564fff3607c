/**
 * User-facing strings of the tuning commands (contribution titles live in package.nls.json).
 */
export const tuneMessages = {
  untrusted:
    'Posthoc: running a sweep starts its trial command (a program from posthoc.json) many times, so it is disabled in Restricted Mode. ' +
    'Trust this workspace to run sweeps; opening a finished study (Posthoc: Open Study…) works without trust.',
  noSweeps: 'Posthoc: no sweep found. Add a run with "kind": "tune" to a posthoc.json in the workspace, then run Posthoc: Run Sweep… again.',
  pickSweep: 'Pick the sweep to run (runs with "kind": "tune" in posthoc.json)',
  sweepNotFound: (name: string, file: string) => `Posthoc: no sweep "${name}" in ${file}. A sweep is a run with "kind": "tune" under "runs".`,
  needArgs: 'posthoc.runSweep takes a run file and a sweep name: { file, sweep } or (fileUri, sweepName).',
  progressTitle: (name: string) => `Posthoc: sweep ${name}`,
  progressStart: (finished: number, target: number) => `${finished} of ${target} trials done; starting…`,
  progressTrial: (n: number, state: string, value: string, best: string, done: number, target: number) =>
    `trial ${n} ${state.toLowerCase()}${value ? ` (${value})` : ''} · best ${best || '—'} · ${done}/${target}`,
  running: (done: number, target: number) => `running: ${done} of ${target} trials`,
  finished: (name: string, ran: number, best: string) => `Posthoc: sweep ${name} finished: ${ran} trial(s) run in this session; best ${best || 'none completed'}.`,
  pickStudyTitle: 'Posthoc: Open Study — an Optuna journal file (.log) or SQLite storage (.db, opened read-only)',
  pickStudyName: (file: string) => `${file} holds several studies: pick one`,
  noStudyFile: (file: string) =>
    /\.(db|sqlite3?)$/i.test(file) ? `Posthoc: no SQLite study file at ${file}` : `Posthoc: no study file at ${file}`,
  panelTitle: (study: string) => `Study: ${study}`,
  loading: (study: string) => `Reading study ${study}…`,
  readFailed: (message: string) => `Posthoc: could not read the study: ${message}`,
  tuneLens: '$(play) Tune',
  tuneLensTooltip: (name: string) => `Run sweep "${name}": start its trials and show the study live`,
} as const;
