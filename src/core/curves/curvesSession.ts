/**
 * The state behind one training-curves panel: a {@link LogdirTail} following the logdir, and
 * the view the user picked (runs, tags, smoothing, axis). Pure Node, no `vscode`: it runs in
 * the curves worker thread (curvesWorker.ts) and in unit tests.
 */
import type { CurveXAxis } from '../charts/curves/options';
import { DataError } from '../errors';
import { buildCurvesReport } from '../report/curvesReport';
import type { Report } from '../report/types';
import { runsToJson } from './json';
import { LogdirTail } from './logdirTail';
import type { Runs } from './types';
import type { ErrorFields } from '../workers/workerErrors';

/** What the user chose to see. Exclusion lists, so runs and tags that appear later are shown. */
export interface CurvesView {
  smoothing: number;
  x: CurveXAxis;
  logY: boolean;
  hiddenRuns: string[];
  hiddenTags: string[];
}

/** The default view: every run and tag, TensorBoard's default smoothing, steps on x. */
export const DEFAULT_CURVES_VIEW: CurvesView = { smoothing: 0.6, x: 'step', logY: false, hiddenRuns: [], hiddenTags: [] };

/** One run as the run picker lists it. */
export interface CurvesRunInfo {
  key: string;
  label: string;
}

/** What a panel draws: the report for the view plus every run and tag there is to pick from. */
export interface CurvesSnapshot {
  report: Report;
  runs: CurvesRunInfo[];
  tags: string[];
  /** Points read so far across all runs and tags (shown and checked by tests). */
  points: number;
}

/** Requests the host sends to the curves worker. */
export type CurvesRequest =
  /** Read what is new; `snapshot` is null when nothing changed (unless `force`). */
  | { id: number; type: 'poll'; view: CurvesView; force?: boolean }
  /** Rebuild the report for another view, without reading. */
  | { id: number; type: 'view'; view: CurvesView }
  /** The shown runs as the JSON of `posthoc curves --json`. */
  | { id: number; type: 'json'; view: CurvesView };

/** The worker's answer to the request with the same id. */
export type CurvesWorkerReply =
  | { id: number; ok: true; value: CurvesSnapshot | string | null }
  | ({ id: number; ok: false } & ErrorFields);

/** Warnings kept at most: a log that keeps producing bad records must not grow memory. */
const MAX_WARNINGS = 50;

/** Follows one logdir and builds its report for a view; see the module comment. */
export class CurvesSession {
  private readonly tail: LogdirTail;
  private readonly warnings: string[] = [];

  constructor(readonly logdir: string) {
    this.tail = new LogdirTail(logdir);
  }

  /** Answers one request. @throws DataError when the logdir is gone or holds no logs. */
  async handle(request: CurvesRequest): Promise<CurvesSnapshot | string | null> {
    if (request.type === 'json') return `${JSON.stringify(runsToJson(this.shownRuns(request.view)))}\n`;
    if (request.type === 'poll') {
      const { changed, warnings } = await this.tail.poll();
      for (const w of warnings) if (this.warnings.length < MAX_WARNINGS) this.warnings.push(w);
      if (this.tail.allTags().length === 0) {
        throw new DataError(
          `no training logs found in ${this.logdir} yet: Posthoc reads TensorBoard event files (events.out.tfevents.*), ` +
            'metrics.csv (Lightning/Keras CSVLogger), *.jsonl and MLflow runs (mlruns/).',
        );
      }
      if (changed.size === 0 && warnings.length === 0 && !request.force) return null;
    }
    return this.snapshot(request.view);
  }

  /** The runs and tags the view shows. */
  private shownRuns(view: CurvesView): Runs {
    const hiddenRuns = new Set(view.hiddenRuns);
    const hiddenTags = new Set(view.hiddenTags);
    const out: Runs = new Map();
    for (const [run, tags] of this.tail.runs()) {
      if (hiddenRuns.has(run)) continue;
      const kept = new Map([...tags].filter(([tag]) => !hiddenTags.has(tag)));
      if (kept.size > 0) out.set(run, kept);
    }
    return out;
  }

  private snapshot(view: CurvesView): CurvesSnapshot {
    const all = this.tail.runs();
    const runNames = this.tail.runNames();
    let points = 0;
    for (const tags of all.values()) for (const s of tags.values()) points += s.values.length;
    const report = buildCurvesReport(this.shownRuns(view), {
      smoothing: view.smoothing,
      x: view.x,
      logY: view.logY,
      runNames,
      logdir: this.logdir,
      warnings: this.warnings,
    });
    return {
      report,
      runs: [...all.keys()].map((key) => ({ key, label: runNames.get(key) ?? key })),
      tags: this.tail.allTags(),
      points,
    };
  }
}
