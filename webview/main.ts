/**
 * The report webview. Runs in a VS Code webview (report arrives as a `report` message after we
 * post `ready`) and in the exported HTML file (report read from the JSON island). Renders the
 * sections as HTML and the charts with vega-embed, and redraws charts when the theme changes.
 */
import type { ChartEntry } from '../src/core/charts/types';
import type { EvaluationResult } from '../src/core/evaluate/types';
import type { ExplainResult } from '../src/core/explain/pipeline/options';
import { REPORT_ISLAND_ID, REPORT_ROOT_ID } from '../src/core/report/constants';
import { reportBodyHtml } from '../src/core/report/sectionsHtml';
import type { Report } from '../src/core/report/types';
import { isHostMessage, type ChartExportFormat, type CohortBarView, type CohortLabel, type ReportExportFormat, type WebviewToHost } from '../src/shared/protocol';
import { ChartViews } from './charts';
import { listenToTreeClicks, reportDrawn, showCohortBar } from './cohortBar';
import { copyText, exportChart, tableTsv } from './exports';
import { addExplainButtons } from './rowActions';
import { addExplainImageButtons } from './saliency/galleryButtons';
import { observeTheme } from './theme';
import { getVsCodeApi, HostRequests } from './vscodeApi';

const api = getVsCodeApi();
const host = api ? new HostRequests(api) : undefined;
const views = new ChartViews();
const post = api ? (m: WebviewToHost) => api.postMessage(m) : undefined;
let current: Report | undefined;

function root(): HTMLElement {
  let el = document.getElementById(REPORT_ROOT_ID);
  if (!el) {
    el = document.createElement('div');
    el.id = REPORT_ROOT_ID;
    el.className = 'ph-report';
    document.body.append(el);
  }
  return el;
}

function allCharts(report: Report): ChartEntry[] {
  return report.sections.flatMap((s) => (s.kind === 'charts' ? s.charts : []));
}

function setStatus(text: string): void {
  const el = root().querySelector<HTMLElement>('.ph-status');
  if (el) el.textContent = text;
}

function reportError(message: string): void {
  api?.postMessage({ type: 'error', message: message.slice(0, 2000) });
  if (!api) console.warn(message);
}

/**
 * Error-analysis reports: a picker of the report's cohorts and a button asking the host to
 * evaluate the chosen one. Built with DOM calls (labels hold column names from the data, so no HTML).
 */
function cohortControl(el: HTMLElement, cohorts: readonly CohortLabel[]): void {
  const bar = document.createElement('div');
  bar.className = 'ph-toolbar ph-cohorts';
  bar.setAttribute('role', 'group');
  bar.setAttribute('aria-label', 'Evaluate a cohort');
  const select = document.createElement('select');
  select.className = 'ph-cohort-select';
  select.setAttribute('aria-label', 'Cohort');
  cohorts.forEach((c, k) => {
    const option = document.createElement('option');
    option.value = String(k);
    option.textContent = `${c.label} (${c.description})`;
    select.append(option);
  });
  const button = document.createElement('button');
  button.type = 'button';
  button.dataset.cohortEvaluate = '';
  button.textContent = 'Evaluate this cohort';
  bar.append(select, button);
  const toolbar = el.querySelector('.ph-toolbar');
  if (toolbar) toolbar.after(bar);
  else el.prepend(bar);
}

function onEvaluateCohort(picked?: number): void {
  const select = root().querySelector<HTMLSelectElement>('.ph-cohort-select');
  // A click on an error-tree node picks its cohort in the picker, then evaluates as the button does.
  if (select && picked !== undefined) select.value = String(picked);
  const index = Number(select?.value);
  if (!api || !Number.isSafeInteger(index) || index < 0) return;
  api.postMessage({ type: 'evaluateCohort', index });
  setStatus('Evaluating the cohort: see the progress notification.');
}

function render(report: Report, result?: EvaluationResult, explain?: ExplainResult, cohorts?: readonly CohortLabel[], cohortBar?: CohortBarView): void {
  current = report;
  api?.setState({ report, ...(result ? { result } : {}), ...(explain ? { explain } : {}) });
  const el = root();
  el.innerHTML = reportBodyHtml(report);
  const toolbar = el.querySelector<HTMLElement>('.ph-toolbar');
  // Whole-report exports need the host (it has the result and can write files).
  if (toolbar) toolbar.hidden = !host;
  addExplainButtons(el, result, host, setStatus);
  // Gallery thumbnails get "Explain this image" (saliency) inside VS Code only.
  if (post) addExplainImageButtons(el, post);
  if (host && Array.isArray(cohorts) && cohorts.length > 0) cohortControl(el, cohorts);
  listenToTreeClicks(views, host && Array.isArray(cohorts) ? cohorts.length : 0, onEvaluateCohort);
  showCohortBar(el, cohortBar, post);
  void views.renderAll(el, allCharts(report), reportError).then(() => reportDrawn(post));
}

async function onChartAction(figure: HTMLElement, action: string, button: HTMLButtonElement): Promise<void> {
  const chartId = figure.dataset.chartId ?? '';
  if (action === 'table') {
    const table = figure.querySelector<HTMLElement>('.ph-chart-table');
    if (!table) return;
    table.hidden = !table.hidden;
    button.setAttribute('aria-pressed', String(!table.hidden));
    return;
  }
  if (action === 'copy') {
    const chart = current && allCharts(current).find((c) => c.id === chartId);
    if (!chart) return;
    await copyText(tableTsv(chart.table));
    setStatus(`Copied ${chart.table.rows.length} rows of “${chart.title}”.`);
    return;
  }
  if (action === 'png' || action === 'svg') {
    setStatus(await exportChart(views, chartId, action as ChartExportFormat, host));
  }
}

async function onExport(format: ReportExportFormat): Promise<void> {
  if (!host) return;
  setStatus('Exporting…');
  const reply = await host.request((id) => ({ type: 'export', id, format }));
  setStatus(reply.ok ? String(reply.value ?? 'Exported.') : reply.error);
}

function onClick(event: MouseEvent): void {
  const button = (event.target as Element | null)?.closest?.('button');
  if (!button) return;
  const run = async () => {
    const figure = button.closest<HTMLElement>('figure[data-chart-id]');
    if (figure && button.dataset.action) await onChartAction(figure, button.dataset.action, button);
    else if (button.dataset.cohortEvaluate !== undefined) onEvaluateCohort();
    else if (button.dataset.export) await onExport(button.dataset.export as ReportExportFormat);
  };
  run().catch((err: unknown) => {
    const message = err instanceof Error ? err.message : String(err);
    setStatus(message);
    reportError(message);
  });
}

/** The report embedded in an exported file, if any. */
function islandReport(): Report | undefined {
  const island = document.getElementById(REPORT_ISLAND_ID);
  if (!island?.textContent) return undefined;
  try {
    return JSON.parse(island.textContent) as Report;
  } catch (err) {
    reportError(`The embedded report could not be read: ${String(err)}`);
    return undefined;
  }
}

function start(): void {
  document.documentElement.classList.add('ph-js');
  root().addEventListener('click', onClick);
  observeTheme(() => {
    if (current) void views.renderAll(root(), allCharts(current), reportError);
  });
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const msg = event.data;
    if (!isHostMessage(msg)) return;
    if (msg.type === 'report') render(msg.report, msg.result, msg.explain, msg.cohorts, msg.cohortBar);
    else if (msg.type === 'cohortBar') showCohortBar(root(), msg.bar, post);
    else if (msg.type === 'reply') host?.settle(msg);
    // A 'theme' message needs no work of its own: the body class change triggers the redraw,
    // but a host may send it without one, so redraw anyway.
    else if (msg.type === 'theme' && current) void views.renderAll(root(), allCharts(current), reportError);
  });
  const island = islandReport();
  const saved = api?.getState();
  if (island) render(island);
  else if (saved?.report) render(saved.report, saved.result, saved.explain);
  api?.postMessage({ type: 'ready' });
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
