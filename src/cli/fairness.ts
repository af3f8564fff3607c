/**
 * `posthoc fairness --sensitive COL`: per-group rates of a binary classifier and Fairlearn's
 * disparities (demographic parity, equalized odds, equal opportunity) with bootstrap intervals.
 * Exit status: 0 success, 1 failure, 2 usage error.
 */
import { formatNumber } from '../core/charts/format';
import { DISPARITY_LABELS } from '../core/charts/fairness/labels';
import { UsageError } from '../core/errors';
import { evaluateFairness, type FairnessResult } from '../core/fairness/fairness';
import { buildFairnessReport } from '../core/report/fairnessReport';
import { parseEvaluateArgs, type EvaluateCommand } from './args';
import { writeReportFiles } from './outputs';
import { runReportCommand } from './reportCommand';

export const FAIRNESS_USAGE = `Usage: posthoc fairness --model PATH --data PATH --sensitive COL [options]

Group fairness of a binary classifier over the values of a sensitive column: per group the
selection rate, true and false positive rates, precision and row count; between groups the
demographic parity difference and ratio, equalized odds difference and ratio, and equal
opportunity difference and ratio, as Fairlearn defines them (difference = max − min, ratio =
min / max), each with a bootstrap interval.

  --model PATH           model file (.onnx)
  --data PATH            dataset (.csv, .tsv, .parquet, .jsonl)
  --sensitive COL        the column whose values form the groups (missing values form a group)
  --label COL            label column (default: guessed from target/label/y/class)
  --threshold X          decision threshold on P(positive) (default 0.5)
  --positive-class NAME  positive class (default: the second class)
  --features LIST        feature columns in the model's order (default: all others)
  --weight COL           sample-weight column
  --cohort NAME | --where EXPR   only the rows of one cohort (see posthoc cohorts --help)
  --output NAME, --output-kind K, --classes LIST, --max-rows N, --batch-size N, --config FILE   as for evaluate
  --bootstrap N          bootstrap resamples (default 1000, 0 = off)
  --seed S               random seed (default 0)
  --json FILE            write the result as JSON
  --html FILE            write a self-contained HTML report with the charts
  --md FILE              write a Markdown report
  --force                overwrite output files that already exist

Exit status: 0 success, 1 failure (the message names the cause), 2 usage error.`;

/** Splits --sensitive COL (or --sensitive=COL) from the arguments shared with evaluate. */
export function parseFairnessArgs(argv: string[]): { sensitive: string; command: EvaluateCommand } {
  const rest: string[] = [];
  let sensitive: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--sensitive' || a.startsWith('--sensitive=')) {
      if (sensitive !== undefined) throw new UsageError('give --sensitive once');
      sensitive = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      if (sensitive === undefined || sensitive === '' || sensitive.startsWith('--')) throw new UsageError('--sensitive needs a column name, e.g. --sensitive sex');
    } else {
      rest.push(a);
    }
  }
  const command = parseEvaluateArgs(rest);
  if (sensitive === undefined) throw new UsageError('--sensitive is required: the column whose values form the groups, e.g. --sensitive sex');
  return { sensitive, command };
}

/** The lines printed on stdout: groups and the headline gaps. */
export function fairnessSummaryLines(r: FairnessResult): string[] {
  const iv = (k: keyof FairnessResult['ci']) => (r.ci[k] ? ` [${formatNumber(r.ci[k]![0])}, ${formatNumber(r.ci[k]![1])}]` : '');
  return [
    `${r.model.file_name} on ${r.dataset.path}: fairness by ${r.sensitive} (${r.groups.length} groups, ${formatNumber(r.n_rows)} rows)`,
    ...r.groups.map((g) => `  ${g.group}: ${g.count} rows, selection rate ${formatNumber(g.selection_rate)}, TPR ${formatNumber(g.tpr)}, FPR ${formatNumber(g.fpr)}`),
    ...(['demographic_parity_difference', 'equalized_odds_difference', 'equal_opportunity_difference'] as const).map(
      (k) => `  ${DISPARITY_LABELS[k]}: ${formatNumber(r.disparities[k])}${iv(k)}`),
  ];
}

/** Runs `posthoc fairness ARGS`; returns the exit status (errors are thrown to main). */
export async function runFairness(argv: string[]): Promise<number> {
  await runReportCommand(argv, {
    usage: FAIRNESS_USAGE,
    parse: (args) => {
      const { sensitive, command } = parseFairnessArgs(args);
      return { ...command, sensitive };
    },
    work: (command, hooks) => evaluateFairness({ ...command.options, sensitive: command.sensitive }, hooks),
    write: (result, command) => writeReportFiles({ json: () => `${JSON.stringify(result, null, 1)}\n`, report: () => buildFairnessReport(result) }, command),
    summary: fairnessSummaryLines,
    warnings: (result) => result.warnings,
  });
  return 0;
}
