/** `posthoc compare`: model variants side by side on one labelled dataset. */
import { formatNumber } from '../core/charts/format';
import { compareModels } from '../core/deploy/compare';
import type { CompareResult } from '../core/deploy/compare/types';
import { UsageError } from '../core/errors';
import { buildCompareReport } from '../core/report/compareReport';
import { EVALUATE_USAGE, parseEvaluateArgs, type EvaluateCommand } from './args';
import { writeReportFiles } from './outputs';
import { runReportCommand } from './reportCommand';

export const COMPARE_USAGE = `Usage: posthoc compare --model A --model B [--model C …] --data PATH [options]

Evaluates every model on the same data and compares them with the first (the baseline):
size, latency, every metric with deltas, per-class changes, flipped rows, output differences.

  --model PATH           a model (.onnx); repeat for each variant, baseline first
  --latency-runs N       timed calls per latency figure (default 30)
  --json FILE / --html FILE / --md FILE   where to write the comparison
  --force                overwrite existing output files
Data options are evaluate's:
${EVALUATE_USAGE.split('\n').filter((l) => /^ {2}--(label|features|weight|task|threshold|positive-class|output|output-kind|classes|bootstrap|seed|max-rows|batch-size)\b/.test(l)).join('\n')}`;

/** Parsed `posthoc compare` arguments. */
export interface CompareCommand extends EvaluateCommand {
  models: string[];
  latencyRuns?: number;
}

/** Parses the arguments after `compare`: every --model, --latency-runs, and evaluate's options. */
export function parseCompareArgs(argv: string[]): CompareCommand {
  const models: string[] = [];
  const rest: string[] = [];
  let latencyRuns: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const inline = a.startsWith('--model=') ? a.slice(8) : a.startsWith('--latency-runs=') ? a.slice(15) : undefined;
    const isModel = a === '--model' || a.startsWith('--model=');
    if (isModel || a === '--latency-runs' || a.startsWith('--latency-runs=')) {
      const value = inline ?? argv[++i];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`${isModel ? '--model' : '--latency-runs'} needs a value`);
      if (isModel) models.push(value);
      else {
        latencyRuns = Number(value);
        if (!Number.isInteger(latencyRuns) || latencyRuns < 1) throw new UsageError(`--latency-runs must be a whole number ≥ 1; got '${value}'`);
      }
    } else rest.push(a);
  }
  if (models.length < 2) throw new UsageError(`compare needs at least two --model options (got ${models.length}); the first is the baseline.`);
  // evaluate's parser checks the data options; it needs one --model, which compare replaces.
  const parsed = parseEvaluateArgs([...rest, '--model', models[0]]);
  return { ...parsed, models, latencyRuns };
}

/** Summary lines printed to stdout. */
export function compareSummaryLines(r: CompareResult): string[] {
  const lines = [`compared ${r.variants.length} models on ${r.n_rows} rows (${r.task}); baseline ${r.variants[0].name}`];
  for (const d of r.deltas) {
    const changes = Object.entries(d.metrics).slice(0, 4).map(([k, m]) => `${k} ${m.delta >= 0 ? '+' : ''}${formatNumber(m.delta)}`).join(', ');
    lines.push(`${d.variant}: ${d.n_flipped} flipped, max |Δoutput| ${formatNumber(d.output_diff.max_abs)}, size ×${formatNumber(d.size_ratio, 3)}, latency ×${formatNumber(d.latency_ratio, 3)}; ${changes}`);
  }
  return lines;
}

/** Runs `posthoc compare`; returns the exit status (Ctrl-C cancels through the runner's AbortSignal). */
export async function runCompare(argv: string[]): Promise<number> {
  await runReportCommand(argv, {
    usage: COMPARE_USAGE,
    parse: parseCompareArgs,
    work: async (cmd, hooks) => {
      // evaluate's parser fills in one --model; compare takes the list instead.
      const { model: _unused, ...data } = cmd.options;
      void _unused;
      return (await compareModels({ ...data, models: cmd.models, latencyRuns: cmd.latencyRuns }, hooks)).result;
    },
    write: (result, cmd) => writeReportFiles({ json: () => JSON.stringify(result, null, 2) + '\n', report: () => buildCompareReport(result) }, cmd),
    summary: compareSummaryLines,
  });
  return 0;
}
