/**
 * `posthoc drift`: compare a current dataset (or a serving log) with a reference, print the
 * verdict, write the JSON result and the HTML/Markdown report.
 */
import { formatNumber } from '../core/charts/format';
import { detectDrift } from '../core/drift/detect';
import { renderDriftJson } from '../core/drift/json';
import { DRIFT_TESTS, type DriftOptions, type DriftResult, type DriftTestName } from '../core/drift/types';
import { PosthocError, UsageError } from '../core/errors';
import type { Task } from '../core/evaluate/types';
import { buildDriftReport } from '../core/report/driftReport';
import { writeReportFiles } from './outputs';
import { runReportCommand } from './reportCommand';
import { listFlag, numberFlag, oneOfFlag, parseFlags } from './flags';

/** A parsed `posthoc drift` command. */
export interface DriftCommand {
  options: DriftOptions;
  json?: string;
  html?: string;
  md?: string;
  force: boolean;
  failOnDrift: boolean;
}


function positive(name: string, value: string | undefined, max = Infinity): number | undefined {
  return numberFlag(name, value, (n) => n > 0 && n <= max, `a number > 0${max < Infinity ? ` and ≤ ${max}` : ''}`);
}


/** Parses the arguments after `drift`. Throws UsageError for anything malformed. */
export function parseDriftArgs(argv: string[]): DriftCommand {
  const parsed = parseFlags(argv, {
      reference: { type: 'string' },
      current: { type: 'string' },
      columns: { type: 'string' },
      test: { type: 'string' },
      threshold: { type: 'string' },
      'drift-share': { type: 'string' },
      model: { type: 'string' },
      features: { type: 'string' },
      task: { type: 'string' },
      'current-format': { type: 'string' },
      'max-rows': { type: 'string' },
      'fail-on-drift': { type: 'boolean', default: false },
      json: { type: 'string' },
      html: { type: 'string' },
      md: { type: 'string' },
      force: { type: 'boolean', default: false },
    });
  const v = parsed.values;
  if (!v.reference) throw new UsageError('--reference is required (the dataset the model was trained or validated on: .csv, .tsv, .parquet, .jsonl)');
  if (!v.current) throw new UsageError('--current is required (the dataset to check: .csv, .tsv, .parquet, .jsonl, or a `posthoc serve --log` file)');
  const maxRows = v['max-rows'];
  if (maxRows !== undefined && !/^\d+$/.test(maxRows.trim())) throw new UsageError(`--max-rows must be a whole number ≥ 0; got '${maxRows}'`);
  const options: DriftOptions = {
    reference: v.reference,
    current: v.current,
    columns: listFlag('columns', v.columns),
    test: oneOfFlag<DriftTestName | 'auto'>('test', v.test, ['auto', ...DRIFT_TESTS]),
    threshold: positive('threshold', v.threshold),
    driftShare: positive('drift-share', v['drift-share'], 1),
    model: v.model,
    features: listFlag('features', v.features),
    task: oneOfFlag<Task>('task', v.task, ['binary', 'multiclass', 'regression']),
    currentFormat: oneOfFlag('current-format', v['current-format'], ['auto', 'table', 'serve-log'] as const),
    maxRows: maxRows === undefined ? undefined : Number(maxRows),
  };
  return { options, json: v.json, html: v.html, md: v.md, force: v.force ?? false, failOnDrift: v['fail-on-drift'] ?? false };
}

/** The lines printed on stdout: the verdict and the drifted columns. */
export function driftSummaryLines(r: DriftResult): string[] {
  const lines = [
    `${r.dataset_drift ? 'DATASET DRIFT' : 'no dataset drift'}: ${r.n_drifted} of ${r.n_columns} columns drifted (share ${formatNumber(r.share_drifted, 3)}, dataset drift at ≥ ${r.drift_share_threshold})`,
  ];
  for (const c of r.columns.filter((x) => x.drift)) {
    lines.push(`  ${c.column}: ${c.test} ${c.p_value !== null ? `p = ${formatNumber(c.p_value)}` : `= ${formatNumber(c.statistic)}`} (threshold ${c.threshold})`);
  }
  if (r.prediction) lines.push(`prediction drift: ${r.prediction.drift ? 'yes' : 'no'} (${r.prediction.columns.map((c) => `${c.column} ${c.test} ${formatNumber(c.score)}`).join(', ')})`);
  for (const note of r.notes) lines.push(`note: ${note}`);
  return lines;
}

/** Runs `posthoc drift ARGS`; returns the exit status (errors are thrown to main). */
export async function runDrift(argv: string[]): Promise<number> {
  const ran = await runReportCommand(argv, {
    usage: DRIFT_USAGE,
    parse: parseDriftArgs,
    work: (command, hooks) => detectDrift(command.options, hooks),
    write: (result, command) => writeReportFiles({ json: () => renderDriftJson(result), report: () => buildDriftReport(result) }, command),
    summary: driftSummaryLines,
  });
  if (ran?.command.failOnDrift && (ran.result.dataset_drift || ran.result.prediction?.drift)) {
    throw new PosthocError('drift detected (--fail-on-drift).', 'drift');
  }
  return 0;
}

export const DRIFT_USAGE = `Usage: posthoc drift --reference PATH --current PATH [options]

Compares a current dataset with a reference, column by column, and writes the verdicts, data
quality checks and a report.

  --reference PATH      reference dataset (.csv, .tsv, .parquet, .jsonl)
  --current PATH        current dataset, or a \`posthoc serve --log\` file (JSON Lines)
  --columns LIST        columns to compare (default: every column both have)
  --test NAME           auto (default) | ${DRIFT_TESTS.join(' | ')}
                        auto: reference ≤ 1000 rows: ks (numeric), z (binary), chi2
                        (categorical); more rows: wasserstein (numeric), jensenshannon
  --threshold X         drift threshold for every column (default: p < 0.05 for ks/chi2/z,
                        distance ≥ 0.1 for the others)
  --drift-share X       dataset drift when this share of columns drifted (default 0.5)
  --model PATH          ONNX model: also compare its predictions on both datasets
  --features LIST       serving log: names of the flattened input values (default f0..fN);
                        with --model: the model's feature columns in order
  --task T              binary | multiclass | regression (default: from the model)
  --current-format F    auto (default) | table | serve-log
  --max-rows N          read at most N rows of each dataset (default: all)
  --fail-on-drift       exit 1 when dataset or prediction drift is found
  --json FILE           write the result as JSON
  --html FILE           write a self-contained HTML report
  --md FILE             write a Markdown report
  --force               overwrite output files that already exist

Exit status: 0 success, 1 failure (the message names the cause; with --fail-on-drift, also
when drift is found), 2 usage error.`;
