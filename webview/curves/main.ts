/**
 * The training-curves webview. The host sends a finished report (built in its worker) for the
 * current view; this page draws the controls once, re-renders the report's text and tables,
 * and re-embeds only the charts whose spec changed, so a live refresh that touched one tag
 * redraws one chart. The same chart code as the report panel (vega-embed with
 * vega-interpreter: no eval, so the strict CSP holds).
 */
import type { ChartEntry } from '../../src/core/charts/types';
import { chartHtml, reportBodyHtml } from '../../src/core/report/sectionsHtml';
import type { Report } from '../../src/core/report/types';
import { isCurvesHostMessage, type ChartExportFormat, type CurvesMessage, type CurvesWebviewToHost, type ReportExportFormat } from '../../src/shared/protocol';
import { ChartViews } from '../charts';
import { copyText, exportChart, tableTsv } from '../exports';
import { observeTheme } from '../theme';
import { getVsCodeApi, HostRequests } from '../vscodeApi';
import { CurvesControls } from './controls';

const api = getVsCodeApi();
const host = api ? new HostRequests(api) : undefined;
/** One ChartViews per chart, so a chart is redrawn without touching the others. */
const drawn = new Map<string, { key: string; figure: HTMLElement; views: ChartViews; chart: ChartEntry }>();
let controls: CurvesControls | undefined;
let body: HTMLElement | undefined;
let generation = 0;

function post(message: CurvesWebviewToHost): void {
  // The shared VsCodeApi type knows the report messages only; the curves ones ride the same channel.
  (api?.postMessage as ((m: CurvesWebviewToHost) => void) | undefined)?.(message);
}

function root(): HTMLElement {
  return document.getElementById('posthoc-curves') ?? document.body;
}

function setStatus(text: string): void {
  const el = document.getElementById('ph-curves-status');
  if (el) el.textContent = text;
}

function reportError(message: string): void {
  post({ type: 'error', message: message.slice(0, 2000) });
}

function chartsOf(report: Report): ChartEntry[] {
  return report.sections.flatMap((s) => (s.kind === 'charts' ? s.charts : []));
}

async function draw(entry: { figure: HTMLElement; views: ChartViews; chart: ChartEntry }): Promise<void> {
  await entry.views.renderAll(entry.figure.parentElement ?? root(), [entry.chart], reportError);
}

/** Renders a report: text and tables afresh, charts reused when their spec is unchanged. */
async function render(m: CurvesMessage): Promise<void> {
  const gen = ++generation;
  if (!controls) {
    controls = new CurvesControls(m.view, (view) => {
      setStatus('Updating…');
      post({ type: 'curvesView', view });
    });
    body = document.createElement('div');
    root().replaceChildren(controls.element, body);
  }
  controls.update(m.runs, m.tags, m.view);
  const charts = chartsOf(m.report);
  const withoutCharts: Report = { ...m.report, sections: m.report.sections.map((s) => (s.kind === 'charts' ? { ...s, charts: [] } : s)) };
  const target = body ?? root();
  target.innerHTML = reportBodyHtml(withoutCharts);
  const toolbar = target.querySelector<HTMLElement>('.ph-toolbar');
  if (toolbar) toolbar.hidden = !host;
  const status = target.querySelector<HTMLElement>('.ph-status');
  if (status) status.id = 'ph-curves-status';
  const holder = target.querySelector<HTMLElement>('.ph-section-charts .ph-charts');
  const keep = new Set(charts.map((c) => c.id));
  for (const [id, old] of drawn) {
    if (!keep.has(id)) {
      old.views.finalizeAll();
      drawn.delete(id);
    }
  }
  const pending: Promise<void>[] = [];
  for (const chart of charts) {
    const key = JSON.stringify(chart.spec);
    let entry = drawn.get(chart.id);
    if (!entry || entry.key !== key) {
      entry?.views.finalizeAll();
      const tmp = document.createElement('div');
      tmp.innerHTML = chartHtml(chart);
      entry = { key, figure: tmp.firstElementChild as HTMLElement, views: entry?.views ?? new ChartViews(), chart };
      drawn.set(chart.id, entry);
      holder?.append(entry.figure);
      pending.push(draw(entry));
    } else {
      entry.chart = chart;
      holder?.append(entry.figure); // moves the live view into the new body
    }
  }
  setStatus(`${m.points.toLocaleString()} points · live: updates as the logs grow`);
  await Promise.all(pending);
  if (gen === generation) post({ type: 'curvesRendered', charts: [...drawn.values()].filter((d) => d.views.view(d.chart.id)).length });
}

async function onClick(event: MouseEvent): Promise<void> {
  const button = (event.target as Element | null)?.closest?.('button');
  if (!button || !body?.contains(button)) return;
  const figure = button.closest<HTMLElement>('figure[data-chart-id]');
  const entry = figure ? drawn.get(figure.dataset.chartId ?? '') : undefined;
  const action = button.dataset.action;
  if (entry && action === 'table') {
    const table = entry.figure.querySelector<HTMLElement>('.ph-chart-table');
    if (table) table.hidden = !table.hidden;
    button.setAttribute('aria-pressed', String(!table?.hidden));
  } else if (entry && action === 'copy') {
    await copyText(tableTsv(entry.chart.table));
    setStatus(`Copied ${entry.chart.table.rows.length} rows of “${entry.chart.title}”.`);
  } else if (entry && (action === 'png' || action === 'svg')) {
    setStatus(await exportChart(entry.views, entry.chart.id, action as ChartExportFormat, host));
  } else if (button.dataset.export && host) {
    setStatus('Exporting…');
    const format = button.dataset.export as ReportExportFormat;
    const reply = await host.request((id) => ({ type: 'export', id, format }));
    setStatus(reply.ok ? String(reply.value ?? 'Exported.') : reply.error);
  }
}

function start(): void {
  document.documentElement.classList.add('ph-js');
  root().addEventListener('click', (e) => void onClick(e).catch((err: unknown) => reportError(err instanceof Error ? err.message : String(err))));
  observeTheme(() => {
    for (const entry of drawn.values()) void draw(entry);
  });
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const msg = event.data;
    if (!isCurvesHostMessage(msg)) return;
    if (msg.type === 'curves') void render(msg).catch((err: unknown) => reportError(String(err)));
    else if (msg.type === 'curvesStatus') setStatus(msg.text);
    else if (msg.type === 'reply') host?.settle(msg);
    else if (msg.type === 'theme') for (const entry of drawn.values()) void draw(entry);
  });
  post({ type: 'ready' });
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
