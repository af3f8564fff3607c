/**
 * `posthoc errors`: where does a model err? Runs the error analysis in-process, prints the worst
 * tree leaves and slices, and writes the JSON result and the HTML/Markdown report.
 */
import { formatNumber, formatPercent } from '../core/charts/format';
import { analyzeErrors } from '../core/erroranalysis/analyze';
import { renderErrorsJson } from '../core/erroranalysis/json';
import type { ErrorAnalysisOptions, ErrorAnalysisResult } from '../core/erroranalysis/types';
import { UsageError } from '../core/errors';
import type { OutputKind, Task } from '../core/evaluate/types';
import { buildErrorsReport } from '../core/report/errorsReport';
import { writeReportFiles } from './outputs';
import { runReportCommand } from './reportCommand';
import { listFlag, numberFlag, oneOfFlag, parseFlags } from './flags';

export const ERRORS_USAGE = `Usage: posthoc errors --model PATH --data PATH [options]

Finds where a model errs: an error tree (CART, like scikit-learn's), an error heat map and a
ranked list of significantly worse slices.

  --model PATH           model file (.onnx)
  --data PATH            labelled dataset (.csv, .tsv, .parquet, .jsonl)
  --label COL            label column (default: guessed from target/label/y/class)
  --features LIST        feature columns in the model's order (default: all others)
  --analyze LIST         columns to analyse, may include metadata the model does not read
                         (default: the model's features)
  --task T               binary | multiclass | regression (default: detected)
  --threshold X          binary decision threshold on P(positive) (default 0.5)
  --positive-class NAME  positive class for binary tasks
  --output NAME          model output to read; --output-kind K how to read it
  --classes LIST         class names in the model's score order
  --error-quantile Q     regression: an error is an absolute error above this quantile (default 0.9)
  --max-depth N          error tree depth (default 3; 0 = no limit)
  --max-leaves N         error tree leaves, grown best-first (default 31; 0 = no limit, depth-first)
  --min-leaf N           minimum rows per leaf (default 20)
  --heatmap A[,B]        one or two heat map features (default: the tree's top two)
  --heatmap-bins N       quantile bins per numeric heat map feature (default 5)
  --slice-bins N         quantile bins per numeric feature for slices (default 5)
  --min-slice N          smallest slice tested, in rows (default 30)
  --alpha A              false discovery rate for slices (default 0.05)
  --max-slices N         slices listed (default 20)
  --effect E             cohen_h | difference: how slices are ranked (default cohen_h)
  --no-pairs             test single predicates only, not pairs
  --max-rows N           read at most N rows (default: all)
  --batch-size N         rows per model call (default 4096)
  --json FILE            write the result as JSON
  --html FILE            write a self-contained HTML report
  --md FILE              write a Markdown report
  --force                overwrite output files that already exist

Exit status: 0 success, 1 failure (the message names the cause), 2 usage error.`;

/** Parsed `posthoc errors` arguments. */
export interface ErrorsCommand {
  options: ErrorAnalysisOptions;
  json?: string;
  html?: string;
  md?: string;
  force: boolean;
}




const STRING_FLAGS = ['model', 'data', 'label', 'features', 'analyze', 'task', 'threshold', 'positive-class', 'output', 'output-kind', 'classes', 'error-quantile',
  'max-depth', 'max-leaves', 'min-leaf', 'heatmap', 'heatmap-bins', 'slice-bins', 'min-slice', 'alpha', 'max-slices', 'effect', 'max-rows', 'batch-size', 'json', 'html', 'md'] as const;

/** Parses the arguments after `errors`. Throws UsageError for anything malformed. */
export function parseErrorsArgs(argv: string[]): ErrorsCommand {
  const stringFlags = Object.fromEntries(STRING_FLAGS.map((f) => [f, { type: 'string' as const }]));
  const values = parseFlags(argv, { ...stringFlags, 'no-pairs': { type: 'boolean' }, force: { type: 'boolean' } }).values as Record<string, string | boolean | undefined>;
  const s = (k: string): string | undefined => values[k] as string | undefined;
  if (!s('model')) throw new UsageError('--model is required (path of an .onnx file)');
  if (!s('data')) throw new UsageError('--data is required (path of a .csv, .tsv, .parquet or .jsonl file)');
  const whole = (min: number) => (n: number) => Number.isInteger(n) && n >= min;
  const heatmap = listFlag('heatmap', s('heatmap'));
  if (heatmap && heatmap.length > 2) throw new UsageError(`--heatmap takes one or two features; got ${heatmap.length}`);
  const maxLeaves = numberFlag('max-leaves', s('max-leaves'), (n) => n === 0 || (Number.isInteger(n) && n >= 2), 'a whole number ≥ 2, or 0 for no limit');
  const options: ErrorAnalysisOptions = {
    model: s('model')!,
    data: s('data')!,
    label: s('label'),
    features: listFlag('features', s('features')),
    analysisFeatures: listFlag('analyze', s('analyze')),
    task: oneOfFlag<Task>('task', s('task'), ['binary', 'multiclass', 'regression']),
    threshold: numberFlag('threshold', s('threshold'), (n) => n >= 0 && n <= 1, 'a number between 0 and 1'),
    positiveClass: s('positive-class'),
    output: s('output'),
    outputKind: oneOfFlag<OutputKind>('output-kind', s('output-kind'), ['probabilities', 'logits', 'labels', 'values']),
    classes: listFlag('classes', s('classes')),
    errorQuantile: numberFlag('error-quantile', s('error-quantile'), (n) => n > 0 && n < 1, 'a number strictly between 0 and 1'),
    maxDepth: numberFlag('max-depth', s('max-depth'), whole(0), 'a whole number ≥ 0 (0 = no limit)'),
    maxLeaves,
    minLeaf: numberFlag('min-leaf', s('min-leaf'), whole(1), 'a whole number ≥ 1'),
    heatmapFeatures: heatmap,
    heatmapBins: numberFlag('heatmap-bins', s('heatmap-bins'), whole(2), 'a whole number ≥ 2'),
    sliceBins: numberFlag('slice-bins', s('slice-bins'), whole(2), 'a whole number ≥ 2'),
    minSliceSize: numberFlag('min-slice', s('min-slice'), whole(1), 'a whole number ≥ 1'),
    alpha: numberFlag('alpha', s('alpha'), (n) => n > 0 && n <= 1, 'a number in (0, 1]'),
    maxSlices: numberFlag('max-slices', s('max-slices'), whole(1), 'a whole number ≥ 1'),
    effect: oneOfFlag('effect', s('effect'), ['cohen_h', 'difference'] as const),
    slicePairs: values['no-pairs'] ? false : undefined,
    maxRows: numberFlag('max-rows', s('max-rows'), whole(0), 'a whole number ≥ 0'),
    batchSize: numberFlag('batch-size', s('batch-size'), whole(1), 'a whole number > 0'),
  };
  return { options, json: s('json'), html: s('html'), md: s('md'), force: values.force === true };
}

/** The lines printed on stdout: the overall error rate, the worst leaves and slices. */
export function errorsSummaryLines(r: ErrorAnalysisResult): string[] {
  const lines = [`${r.model.file_name} on ${r.n_rows} rows (${r.task}): ${r.n_errors} errors (${formatPercent(r.error_rate)}); error = ${r.error_definition}`];
  const leaves = r.tree.nodes.filter((n) => n.left === undefined).sort((a, b) => b.error_rate - a.error_rate).slice(0, 3);
  for (const n of leaves) lines.push(`  leaf ${n.id}: ${n.rule.join(' and ') || 'all rows'} → ${formatPercent(n.error_rate)} of ${n.size} rows (${formatPercent(n.error_coverage)} of errors)`);
  lines.push(`  slices: ${r.slices.n_tested} tested, ${r.slices.slices.length} significantly worse (BH q ≤ ${r.slices.alpha})`);
  for (const s of r.slices.slices.slice(0, 3)) lines.push(`  slice: ${s.predicates.join(' and ')} → ${formatPercent(s.error_rate)} vs ${formatPercent(s.rest_error_rate)} (q ${formatNumber(s.q_value, 3)})`);
  for (const w of r.warnings) lines.push(`note: ${w}`);
  return lines;
}

/** Runs `posthoc errors ARGS`; returns the exit status (errors are thrown to main). */
export async function runErrors(argv: string[]): Promise<number> {
  await runReportCommand(argv, {
    usage: ERRORS_USAGE,
    parse: parseErrorsArgs,
    work: (command, hooks) => analyzeErrors(command.options, hooks),
    write: (result, command) => writeReportFiles({ json: () => renderErrorsJson(result), report: () => buildErrorsReport(result) }, command),
    summary: errorsSummaryLines,
  });
  return 0;
}
