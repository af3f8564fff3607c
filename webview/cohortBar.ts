/**
 * Cohorts in the report webview. Evaluation reports get a cohort bar: a select whose change asks
 * the host to show that cohort in this panel (the host evaluates and sends a new report).
 * Error-analysis reports get clickable error-tree nodes: a click picks the node's cohort in the
 * "Evaluate a cohort" picker and evaluates it. Built with DOM calls: labels hold column names
 * from the data, so no HTML strings.
 */
import type { CohortBarView, WebviewToHost } from '../src/shared/protocol';
import type { ChartViews, Datum } from './charts';

/** The error tree chart's id (src/core/charts/erroranalysis/tree.ts). */
export const ERROR_TREE_CHART = 'error-tree';

type Post = (message: WebviewToHost) => void;

/** The bar the host sent last; redrawn under every new report. */
let bar: CohortBarView | undefined;

/** True for an index into a list of `count` choices; the host checks again. */
function isChoice(value: unknown, count: number): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 && value < count;
}

/**
 * Draws (or removes) the cohort bar under the report header. `view` undefined keeps no bar, as
 * for reports that are not evaluations, exported files and reports restored before the handshake.
 */
export function showCohortBar(root: HTMLElement, view: CohortBarView | undefined, post: Post | undefined): void {
  bar = view;
  root.querySelector('.ph-cohort-bar')?.remove();
  if (!view || !post) return;
  const el = document.createElement('div');
  el.className = 'ph-cohort-bar';
  el.setAttribute('role', 'group');
  el.setAttribute('aria-label', 'Cohort shown in this report');
  const label = document.createElement('label');
  label.textContent = 'Cohort';
  const select = document.createElement('select');
  select.className = 'ph-cohort-bar-select';
  view.choices.forEach((c, k) => {
    const option = document.createElement('option');
    option.value = String(k);
    option.textContent = c.description ? `${c.label} (${c.description})` : c.label;
    select.append(option);
  });
  select.value = String(view.selected);
  select.disabled = view.busy;
  label.append(select);
  const status = document.createElement('span');
  status.className = view.problem ? 'ph-cohort-bar-status ph-error' : 'ph-cohort-bar-status';
  status.setAttribute('role', 'status');
  status.setAttribute('aria-live', 'polite');
  status.textContent = view.status;
  select.addEventListener('change', () => {
    const index = Number(select.value);
    if (!isChoice(index, view.choices.length)) return;
    // The host answers with a new bar (busy, then the report or a problem).
    select.disabled = true;
    status.className = 'ph-cohort-bar-status';
    status.textContent = `Evaluating ${view.choices[index].label}…`;
    post({ type: 'selectCohort', index });
  });
  el.append(label, status);
  const header = root.querySelector('.ph-header');
  if (header) header.after(el);
  else root.prepend(el);
}

/** Tells the host the report drawn carries the bar at its selected choice (tests read it). */
export function reportDrawn(post: Post | undefined): void {
  if (bar && post) post({ type: 'cohortShown', index: bar.selected });
}

/**
 * Error-analysis reports: a click on an error-tree node whose row carries a `cohort_index` among
 * the report's `count` cohorts calls `evaluate(index)`. `count` 0 (no cohorts, no host) stops listening.
 */
export function listenToTreeClicks(views: ChartViews, count: number, evaluate: (index: number) => void): void {
  views.onDatumClick(ERROR_TREE_CHART, count > 0 ? (datum: Datum) => {
    if (isChoice(datum.cohort_index, count)) evaluate(datum.cohort_index);
  } : undefined);
}
