/**
 * "Posthoc: Evaluate a Cohort…": evaluates the model on one cohort of an error analysis (a tree
 * node or a slice) with the analysis's own settings, through the regular evaluation (worker,
 * progress, Reports view, report panel). The cohort filter is the core's `EvaluateOptions.cohort`.
 */
import * as vscode from 'vscode';
import { UsageError } from '../../core/errors';
import type { EvaluateOptions } from '../../core/evaluate/options';
import type { EvaluationResult } from '../../core/evaluate/types';
import { analysisStrings as s } from './analysisStrings';
import { isArgs, requireTrust } from './analysisShared';
import type { CohortSource } from './cohortChoices';
import { addSessionCohort } from './sessionCohorts';

/** Runs an evaluation (the extension's `posthoc.evaluateModel`, which also records it in the Reports view). */
export type Evaluate = (args: Partial<EvaluateOptions> & { showReport?: boolean; signal?: AbortSignal }) => Promise<EvaluationResult | undefined>;

/**
 * Arguments of `posthoc.evaluateCohort`: `choice` picks the n-th cohort (as listed in the quick
 * pick) of the current error-analysis report without asking; `showReport`/`signal` as for evaluate.
 */
export interface EvaluateCohortArgs {
  choice?: number;
  /** The cohorts to pick from (the report panel passes its own); default: the active or last error-analysis report's. */
  source?: CohortSource;
  showReport?: boolean;
  signal?: AbortSignal;
}

/**
 * `posthoc.evaluateCohort`: picks a cohort of `source` (the active or last error-analysis report)
 * and evaluates it. Resolves to the cohort's evaluation, or undefined when the pick was dismissed.
 */
export async function evaluateCohortCommand(arg: unknown, source: CohortSource | undefined, evaluate: Evaluate): Promise<EvaluationResult | undefined> {
  requireTrust();
  const args: EvaluateCohortArgs = isArgs(arg) ? (arg as EvaluateCohortArgs) : {};
  const from = args.source ?? source;
  if (!from) throw new UsageError(s.noErrorReport);
  if (from.choices.length === 0) throw new UsageError(s.noCohorts);
  let index = args.choice;
  if (index === undefined) {
    const items = from.choices.map((c, k) => ({ label: c.label, description: c.description, detail: c.expression, k }));
    const pick = await vscode.window.showQuickPick(items, { title: s.pickCohortTitle, placeHolder: s.pickCohortPlaceholder, matchOnDetail: true, ignoreFocusOut: true });
    if (!pick) return undefined;
    index = pick.k;
  }
  const choice = Number.isSafeInteger(index) ? from.choices[index] : undefined;
  if (!choice) throw new UsageError(`there is no cohort number ${index}; this report has ${from.choices.length} (0 to ${from.choices.length - 1}).`);
  // Evaluation panels on the same data offer it in their cohort bar from now on.
  addSessionCohort({ data: from.options.data, name: choice.name, label: choice.label, expression: choice.expression });
  return evaluate({ ...from.options, cohort: { name: choice.name, expression: choice.expression }, showReport: args.showReport, signal: args.signal });
}
