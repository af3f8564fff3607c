/**
 * The cohorts an error analysis offers for a follow-up evaluation: every split node of the error
 * tree and every reported slice with an exact expression. The host keeps these beside the panel;
 * the webview only ever sees labels and sends back an index, never an expression.
 */
import { treeCohortOrder } from '../../core/charts/erroranalysis/tree';
import { formatPercent } from '../../core/charts/format';
import type { ErrorAnalysisOptions, ErrorAnalysisResult } from '../../core/erroranalysis/types';
import type { EvaluateOptions } from '../../core/evaluate/options';
import { analysisStrings as s } from './analysisStrings';

/** One cohort to evaluate: a quick-pick label and the named filter. */
export interface CohortChoice {
  label: string;
  description: string;
  name: string;
  expression: string;
}

/** What an error-analysis panel can evaluate: the run's settings and its cohorts. */
export interface CohortSource {
  /** Model, data, label and decision settings of the analysis, so the cohort is scored the same way. */
  options: EvaluateOptions;
  choices: CohortChoice[];
}

/** The cohorts of an analysis: tree nodes below the root (worst first), then slices in report order. */
export function cohortSource(result: ErrorAnalysisResult, run: ErrorAnalysisOptions): CohortSource {
  const summary = (size: number, rate: number) => s.cohortSummary(size, formatPercent(rate));
  // The same order as the tree chart's `cohort_index`, so a click on a node picks its cohort.
  const nodes = treeCohortOrder(result.tree.nodes)
    .map((n): CohortChoice => ({
      label: `${s.treeNode} node ${n.id}: ${n.rule.join(' and ')}`,
      description: summary(n.size, n.error_rate),
      name: `error-node-${n.id}`,
      expression: n.cohort,
    }));
  const slices = result.slices.slices.flatMap((sl, k): CohortChoice[] =>
    sl.cohort === null ? [] : [{ label: `${s.slice} ${k + 1}: ${sl.predicates.join(' and ')}`, description: summary(sl.size, sl.error_rate), name: `error-slice-${k + 1}`, expression: sl.cohort }]);
  const options: EvaluateOptions = {
    model: run.model,
    data: run.data,
    label: result.dataset.label,
    features: result.dataset.features,
    task: result.task,
    ...(run.threshold !== undefined ? { threshold: run.threshold } : {}),
    ...(run.positiveClass !== undefined ? { positiveClass: run.positiveClass } : {}),
    ...(run.output !== undefined ? { output: run.output } : {}),
    ...(run.outputKind !== undefined ? { outputKind: run.outputKind } : {}),
    ...(run.classes !== undefined ? { classes: run.classes } : {}),
    ...(run.maxRows ? { maxRows: run.maxRows } : {}),
  };
  return { options, choices: [...nodes, ...slices] };
}
