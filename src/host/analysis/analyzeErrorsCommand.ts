/**
 * "Posthoc: Analyze Errors…": model, dataset and label (each skipped when given) → the error
 * analysis in a worker thread under a cancellable progress notification → the report panel with
 * the error tree, heat map and slices, whose cohorts can then be evaluated on their own.
 */
import * as path from 'node:path';
import type { ErrorAnalysisOptions, ErrorAnalysisResult } from '../../core/erroranalysis/types';
import { evaluateSettings } from '../config';
import { log } from '../log';
import { analysisStrings as s } from './analysisStrings';
import { isArgs, pickInputs, requireTrust } from './analysisShared';
import { withWorkProgress as withProgress } from '../workProgress';
import { cohortSource, type CohortSource } from './cohortChoices';

/**
 * Arguments of `posthoc.analyzeErrors` for programmatic callers: any {@link ErrorAnalysisOptions}
 * field (`model`/`data` may be relative to the first workspace folder); given fields skip their picker.
 */
export interface AnalyzeErrorsArgs extends Partial<ErrorAnalysisOptions> {
  /** Open the report panel when done (default true). */
  showReport?: boolean;
  /** Cancels like the notification's Cancel button (callers in the same extension host only). */
  signal?: AbortSignal;
}

/** Opens an error-analysis report; the panel keeps the cohorts for "Evaluate this cohort". */
export type ShowErrors = (result: ErrorAnalysisResult, cohorts: CohortSource) => Promise<void>;

/** `posthoc.analyzeErrors`: resolves to the result, or undefined when a picker was dismissed. */
export async function analyzeErrorsCommand(arg: unknown, show: ShowErrors): Promise<ErrorAnalysisResult | undefined> {
  requireTrust();
  const args: AnalyzeErrorsArgs = isArgs(arg) ? (arg as AnalyzeErrorsArgs) : {};
  const inputs = await pickInputs(arg, args);
  if (!inputs) return undefined;
  const { showReport = true, signal, ...overrides } = args;
  const settings = evaluateSettings(inputs.model);
  const options: ErrorAnalysisOptions = {
    threshold: settings.threshold,
    maxRows: settings.maxRows || undefined,
    ...overrides,
    model: inputs.model.fsPath,
    data: inputs.data.fsPath,
    label: inputs.label,
  };
  log().info(`errors ${JSON.stringify(options)}`);
  const { analyzeErrorsInWorker } = await import('../../core/erroranalysis/errorsInWorker');
  const result = await withProgress(`${s.analyzing} ${path.basename(options.model)}`, (hooks) => analyzeErrorsInWorker(options, hooks), signal);
  log().info(`error analysis: ${result.n_errors} errors in ${result.n_rows} rows, ${result.tree.nodes.length} tree nodes, ${result.slices.slices.length} slices`);
  for (const w of result.warnings) log().warn(w);
  if (showReport) await show(result, cohortSource(result, options));
  return result;
}
