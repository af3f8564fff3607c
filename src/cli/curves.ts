/**
 * `posthoc curves --logdir DIR …`: reads training logs (TensorBoard event files, Lightning/Keras
 * CSV, JSON Lines, MLflow) and writes the curves as JSON and an HTML/Markdown report.
 * Exit status: 0 success, 1 failure (bad logdir, no logs), 2 usage error.
 */
import { curveSummary, seriesByTag, type CurveXAxis } from '../core/charts/curves';
import { loadRuns, runsToJson, seriesStats, type LoadedRuns } from '../core/curves';
import { UsageError } from '../core/errors';
import { buildCurvesReport } from '../core/report/curvesReport';
import { writeReportFiles } from './outputs';
import { printWarnings, runReportCommand } from './reportCommand';
import { parseFlags } from './flags';

/** What `posthoc curves` was asked to do. */
export interface CurvesCommand {
  logdir: string;
  tags?: string[];
  smoothing: number;
  x: CurveXAxis;
  logY: boolean;
  json?: string;
  html?: string;
  md?: string;
  force: boolean;
}

export const CURVES_USAGE = `Usage: posthoc curves --logdir DIR [options]

Reads the training logs under DIR — TensorBoard event files, PyTorch Lightning / Keras
CSVLogger metrics.csv, JSON Lines (*.jsonl) and MLflow runs (mlruns/) — and writes the curves.

  --logdir DIR       folder holding the runs (each sub-folder with logs is a run)
  --tags LIST        only these tags (metric names), separated by commas
  --smoothing W      TensorBoard smoothing weight, 0 to 0.99 (default 0.6)
  --x AXIS           step | wall (relative wall time) (default step)
  --log-y            logarithmic y axis in the report
  --json FILE        write {"runs": {run: {tag: {"steps", "values", "wall_times"}}}}
  --html FILE        write a self-contained HTML report
  --md FILE          write a Markdown report
  --force            overwrite output files that already exist

Runs are named by their folder relative to DIR ('.' for DIR itself).
Exit status: 0 success, 1 failure (the message names the cause), 2 usage error.`;

/** Parses the arguments after `curves`. Throws UsageError for anything malformed. */
export function parseCurvesArgs(argv: string[]): CurvesCommand {
  const parsed = parseFlags(argv, {
      logdir: { type: 'string' },
      tags: { type: 'string' },
      smoothing: { type: 'string' },
      x: { type: 'string' },
      'log-y': { type: 'boolean', default: false },
      json: { type: 'string' },
      html: { type: 'string' },
      md: { type: 'string' },
      force: { type: 'boolean', default: false },
    });
  const v = parsed.values;
  if (!v.logdir) throw new UsageError('--logdir is required (the folder holding the training logs)');
  let tags: string[] | undefined;
  if (v.tags !== undefined) {
    tags = v.tags.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
    if (tags.length === 0) throw new UsageError('--tags needs tag names separated by commas, e.g. --tags loss,accuracy');
  }
  let smoothing = 0.6;
  if (v.smoothing !== undefined) {
    smoothing = Number(v.smoothing);
    if (v.smoothing.trim() === '' || !(smoothing >= 0 && smoothing <= 0.99)) {
      throw new UsageError(`--smoothing must be a number from 0 to 0.99; got '${v.smoothing}'`);
    }
  }
  const x = v.x ?? 'step';
  if (x !== 'step' && x !== 'wall') throw new UsageError(`--x must be one of step, wall; got '${x}'`);
  return { logdir: v.logdir, tags, smoothing, x, logY: v['log-y'] ?? false, json: v.json, html: v.html, md: v.md, force: v.force ?? false };
}

/** The lines printed on stdout: how many runs and tags, then one line per tag (at most 30). */
export function curvesSummaryLines({ runs, runNames }: LoadedRuns, logdir: string): string[] {
  const tagCount = new Set([...runs.values()].flatMap((t) => [...t.keys()])).size;
  const lines = [`${runs.size} run${runs.size === 1 ? '' : 's'}, ${tagCount} tag${tagCount === 1 ? '' : 's'} in ${logdir}`];
  for (const [tag, byRun] of [...seriesByTag(runs)].slice(0, 30)) {
    const stats = new Map([...byRun].map(([run, s]) => [runNames.get(run) ?? run, seriesStats(s)]));
    lines.push(`  ${curveSummary(tag, stats)}`);
  }
  return lines;
}

/** Runs `posthoc curves ARGS`; returns the exit status (errors are thrown to main). */
export async function runCurves(argv: string[]): Promise<number> {
  await runReportCommand(argv, {
    usage: CURVES_USAGE,
    parse: parseCurvesArgs,
    work: (c, hooks) => loadRuns(c.logdir, { tags: c.tags, signal: hooks.signal }),
    write: ({ runs, runNames, warnings }, c) => {
      printWarnings(warnings);
      return writeReportFiles({
        json: () => `${JSON.stringify(runsToJson(runs))}\n`,
        report: () => buildCurvesReport(runs, { smoothing: c.smoothing, x: c.x, logY: c.logY, runNames, logdir: c.logdir, warnings }),
      }, c);
    },
    summary: (loaded, c) => curvesSummaryLines(loaded, c.logdir),
  });
  return 0;
}
