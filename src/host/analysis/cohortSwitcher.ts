/**
 * The logic of an evaluation panel's cohort bar, without VS Code: which cohorts it offers, which
 * one is shown, the results cached per cohort for the panel's life, and when a cohort's result
 * is not worth a report (too few rows, one class). The panel (src/host/cohortBar.ts) draws it.
 */
import { CancelledError } from '../../core/errors';
import type { EvaluateOptions } from '../../core/evaluate/options';
import type { EvaluationResult } from '../../core/evaluate/types';
import type { CohortBarView } from '../../shared/protocol';
import { analysisStrings as s } from './analysisStrings';

/** Fewer rows than this make a report of noise (and some metrics undefined): the bar says so instead. */
export const MIN_COHORT_ROWS = 10;

/** A cohort the bar offers besides all rows. */
export interface BarCohort {
  /** The evaluation's cohort name (posthoc.json key, `error-node-4`, …). */
  name: string;
  /** What the select shows. */
  label: string;
  expression: string;
  /** Where it came from, shown beside it ("posthoc.json", "error analysis"). */
  origin: string;
}

/** Runs one evaluation (in a worker, in the extension); rejects with the core's errors. */
export type RunEvaluation = (options: EvaluateOptions, signal: AbortSignal) => Promise<EvaluationResult>;

/** What a selection led to: a result to show, a message for the bar, or nothing to do. */
export type SelectOutcome =
  | { kind: 'shown'; result: EvaluationResult; cached: boolean }
  | { kind: 'problem'; message: string }
  | { kind: 'unchanged' };

/** The key of all rows in the cache; a cohort's key is its expression (same expression, same rows). */
const ALL_ROWS = '';

/**
 * The options that repeat the evaluation behind `result` on all rows: its model, data, label,
 * features, decision settings and bootstrap. Read from the result, so a panel restored from its
 * saved state can switch cohorts too. Undefined for image evaluations (no cohort filter there).
 */
export function baseOptions(result: EvaluationResult): EvaluateOptions | undefined {
  if (result.images || !result.model?.path || !result.dataset?.path) return undefined;
  const d = result.dataset;
  return {
    model: result.model.path,
    data: d.path,
    label: d.label,
    features: [...d.features],
    task: result.task,
    ...(d.weight !== undefined ? { weight: d.weight } : {}),
    ...(result.threshold !== undefined ? { threshold: result.threshold } : {}),
    ...(result.positive_class !== undefined ? { positiveClass: result.positive_class } : {}),
    // A detected output is found again; only a chosen one must be named.
    ...(result.output && !result.output.detected ? { output: result.output.name, outputKind: result.output.kind } : {}),
    bootstrap: result.bootstrap?.n ?? 0,
    ...(result.bootstrap ? { seed: result.bootstrap.seed } : {}),
    // The same first rows as the original run (a maxRows limit included).
    maxRows: result.cohort?.n_total ?? d.n_rows,
  };
}

/** Why a cohort's result makes no useful report (too few rows, a single class), or undefined. */
export function cohortProblem(name: string, result: EvaluationResult): string | undefined {
  if (result.n_rows < MIN_COHORT_ROWS) return s.barTooFew(name, result.n_rows, MIN_COHORT_ROWS);
  if (result.task === 'regression') return undefined;
  const present = Object.entries(result.dataset.class_balance ?? {}).filter(([, count]) => count > 0);
  if (present.length === 1) return s.barOneClass(name, present[0][0], result.n_rows);
  return undefined;
}

/** Tracks the bar of one panel: choices, the shown cohort, a running evaluation and the cache. */
export class CohortSwitcher {
  private cohorts: BarCohort[] = [];
  private readonly cache = new Map<string, EvaluationResult>();
  private shownKey: string;
  private pending: { key: string; name: string; abort: AbortController } | undefined;
  private note: { text: string; problem: boolean } | undefined;

  /** `initial` is the result the panel opened with (all rows, or a cohort). */
  constructor(readonly base: EvaluateOptions, initial: EvaluationResult, private readonly run: RunEvaluation) {
    this.shownKey = initial.cohort?.expression ?? ALL_ROWS;
    this.cache.set(this.shownKey, initial);
    if (initial.cohort) this.cohorts = [{ name: initial.cohort.name, label: initial.cohort.name, expression: initial.cohort.expression, origin: '' }];
  }

  /** Replaces the offered cohorts (duplicates by expression dropped); the shown cohort stays listed. */
  setCohorts(cohorts: readonly BarCohort[]): void {
    const shown = this.entries().find((e) => e.expression === this.shownKey);
    const seen = new Set<string>([ALL_ROWS]);
    const next: BarCohort[] = [];
    for (const c of shown && shown.expression !== ALL_ROWS ? [...cohorts, shown] : cohorts) {
      if (seen.has(c.expression)) continue;
      seen.add(c.expression);
      next.push(c);
    }
    this.cohorts = next;
  }

  /** Every choice in bar order: all rows first. */
  entries(): BarCohort[] {
    return [{ name: s.allRows, label: s.allRows, expression: ALL_ROWS, origin: '' }, ...this.cohorts];
  }

  /** The result on screen. */
  shown(): EvaluationResult {
    return this.cache.get(this.shownKey)!;
  }

  /** The shown entry's index in {@link entries}. */
  shownIndex(): number {
    return this.entries().findIndex((e) => e.expression === this.shownKey);
  }

  /** What the webview draws. */
  view(): CohortBarView {
    const entries = this.entries();
    const choices = entries.map((e) => {
      const rows = this.cache.get(e.expression)?.n_rows;
      const parts = [e.origin, e.expression, rows === undefined ? '' : s.barRows(rows)].filter(Boolean);
      return { label: e.label, description: parts.join(' · ') };
    });
    const key = this.pending?.key ?? this.shownKey;
    return {
      choices,
      selected: Math.max(0, entries.findIndex((e) => e.expression === key)),
      busy: this.pending !== undefined,
      status: this.pending ? s.barEvaluating(this.pending.name) : (this.note?.text ?? this.showingText()),
      problem: !this.pending && this.note?.problem === true,
    };
  }

  /** A panel title for the shown result: the report's title, plus the cohort and its rows. */
  title(reportTitle: string): string {
    const r = this.shown();
    return r.cohort ? s.barTitle(reportTitle, r.cohort.name, r.n_rows) : reportTitle;
  }

  /**
   * Shows choice `index`: from the cache at once, else by evaluating it (a newer selection
   * aborts an older one). A failed or unusable cohort leaves the shown one as it is.
   */
  async select(index: number): Promise<SelectOutcome> {
    const entries = this.entries();
    const entry = Number.isSafeInteger(index) ? entries[index] : undefined;
    if (!entry) return this.problem(s.barNoChoice(index, entries.length));
    this.pending?.abort.abort();
    this.pending = undefined;
    const cached = this.cache.get(entry.expression);
    if (cached) return this.accept(entry, cached, true);
    const mine = { key: entry.expression, name: entry.name, abort: new AbortController() };
    this.pending = mine;
    this.note = undefined;
    const options: EvaluateOptions = entry.expression === ALL_ROWS ? { ...this.base } : { ...this.base, cohort: { name: entry.name, expression: entry.expression } };
    try {
      const result = await this.run(options, mine.abort.signal);
      if (this.pending !== mine) return { kind: 'unchanged' };
      this.pending = undefined;
      this.cache.set(entry.expression, result);
      return this.accept(entry, result, false);
    } catch (error) {
      if (this.pending !== mine) return { kind: 'unchanged' };
      this.pending = undefined;
      return this.problem(error instanceof CancelledError ? s.barCancelled(entry.name) : s.barFailed(entry.name, error instanceof Error ? error.message : String(error)));
    }
  }

  /** Stops a running evaluation (the panel closed). */
  dispose(): void {
    this.pending?.abort.abort();
    this.pending = undefined;
  }

  private accept(entry: BarCohort, result: EvaluationResult, cached: boolean): SelectOutcome {
    const problem = entry.expression === ALL_ROWS ? undefined : cohortProblem(entry.name, result);
    if (problem) return this.problem(problem);
    this.note = undefined;
    if (entry.expression === this.shownKey) return { kind: 'unchanged' };
    this.shownKey = entry.expression;
    return { kind: 'shown', result, cached };
  }

  private problem(message: string): SelectOutcome {
    this.note = { text: message, problem: true };
    return { kind: 'problem', message };
  }

  private showingText(): string {
    const r = this.shown();
    return r.cohort ? s.barShowing(r.cohort.name, r.n_rows, r.cohort.n_total) : s.barShowing(s.allRows, r.n_rows, r.n_rows);
  }
}
