/**
 * `posthoc cohorts`: every evaluation metric per cohort, side by side with the whole dataset,
 * with bootstrap intervals. Cohorts come from --cohort NAME (posthoc.json "cohorts") and --where EXPR.
 * Exit status: 0 success, 1 failure, 2 usage error (including a bad cohort expression).
 */
import { formatNumber } from '../core/charts/format';
import { evaluateCohorts, type CohortsResult } from '../core/cohorts/cohortMetrics';
import { UsageError } from '../core/errors';
import { metricLabel } from '../core/report/strings';
import { buildCohortsReport } from '../core/report/cohortsReport';
import { parseEvaluateArgs } from './args';
import { writeReportFiles } from './outputs';
import { runReportCommand } from './reportCommand';

export const COHORTS_USAGE = `Usage: posthoc cohorts --model PATH --data PATH (--cohort NAME | --where EXPR)… [options]

Evaluates a model on the whole dataset and on each cohort, with every metric and bootstrap
intervals side by side. The model runs once; each cohort's rows are scored like 'evaluate'.

  --model PATH           model file (.onnx)
  --data PATH            dataset (.csv, .tsv, .parquet, .jsonl)
  --cohort NAME          a cohort defined under "cohorts" in posthoc.json (repeat for more)
  --where EXPR           a filter expression (repeat for more), e.g. --where 'age < 30 and sex == "F"'
  --config FILE          the posthoc.json that defines the cohorts (default ./posthoc.json)
  --label COL            label column (default: guessed from target/label/y/class)
  --features LIST        feature columns in the model's order (default: all others)
  --weight COL           sample-weight column used by every metric
  --task T               binary | multiclass | regression (default: detected)
  --threshold X          decision threshold on P(positive) (default 0.5)
  --positive-class NAME  positive class for binary tasks (default: the second class)
  --output NAME, --output-kind K, --classes LIST, --max-rows N, --batch-size N   as for evaluate
  --bootstrap N          bootstrap resamples per cohort (default 1000, 0 = off)
  --seed S               random seed (default 0)
  --json FILE            write the result as JSON
  --html FILE            write a self-contained HTML report
  --md FILE              write a Markdown report
  --force                overwrite output files that already exist

Expressions: columns by name (\`quoted name\` in backticks), numbers, "texts"; == != < <= > >=,
+ - * /, and, or, not, x between A and B, x in ("a", "b"), x is missing. Special names: label,
predicted, score (P(positive) | top probability | prediction), correct, error. Missing values
never satisfy a comparison; use 'is missing'.
Exit status: 0 success, 1 failure (the message names the cause), 2 usage error.`;

/** The lines printed on stdout: one per cohort with its size and headline metrics. */
export function cohortSummaryLines(r: CohortsResult): string[] {
  const metrics = r.headline.slice(0, 4);
  const line = (name: string, n: number, m: Record<string, number>) =>
    `  ${name}: ${formatNumber(n)} rows${metrics.map((k) => (k in m ? `, ${metricLabel(k)} ${formatNumber(m[k])}` : '')).join('')}`;
  return [
    `${r.model.file_name} on ${r.dataset.path}: ${r.cohorts.length} cohort${r.cohorts.length === 1 ? '' : 's'}`,
    line('all rows', r.overall.n_rows, r.overall.metrics),
    ...r.cohorts.map((c) => line(c.name, c.n_rows, c.metrics)),
  ];
}

/** Runs `posthoc cohorts ARGS`; returns the exit status (errors are thrown to main). */
export async function runCohorts(argv: string[]): Promise<number> {
  await runReportCommand(argv, {
    usage: COHORTS_USAGE,
    parse: (args) => {
      const command = parseEvaluateArgs(args, true);
      if (command.cohorts.length === 0) throw new UsageError('name at least one cohort: --cohort NAME (from posthoc.json) or --where EXPR');
      return command;
    },
    work: (command, hooks) => evaluateCohorts(command.options, command.cohorts, hooks),
    write: (result, command) => writeReportFiles({ json: () => `${JSON.stringify(result, null, 1)}\n`, report: () => buildCohortsReport(result) }, command),
    summary: cohortSummaryLines,
    warnings: (result) => result.warnings,
  });
  return 0;
}
