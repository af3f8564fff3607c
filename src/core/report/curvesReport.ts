/**
 * buildCurvesReport: training curves (runs → tags → series) → a Report with a summary, the
 * warnings met while reading, one chart per tag, and a last/min/max table per tag.
 */
import { curveCharts, resolveCurveOptions, seriesByTag, type CurveChartOptions } from '../charts/curves';
import { formatNumber } from '../charts/format';
import type { Cell } from '../charts/types';
import { seriesStats } from '../curves/stats';
import type { Runs } from '../curves/types';
import { VERSION } from '../version';
import type { Report, ReportSection, ReportTable } from './types';

/** Options of {@link buildCurvesReport}: the chart options plus where the runs came from. */
export interface CurvesReportOptions extends CurveChartOptions {
  /** The folder the runs were read from, shown in the summary. */
  logdir?: string;
  /** Problems met while reading (skipped records or files). */
  warnings?: readonly string[];
  /** ISO time of the report; now by default. */
  created?: string;
}

function statsTables(runs: Runs, label: (run: string) => string): ReportTable[] {
  const tables: ReportTable[] = [];
  for (const [tag, byRun] of seriesByTag(runs)) {
    const rows: Cell[][] = [];
    for (const [run, s] of byRun) {
      const st = seriesStats(s);
      const n = (v: number): Cell => (Number.isFinite(v) ? v : null);
      rows.push([label(run), st.points, n(st.lastStep), n(st.last), n(st.min), n(st.minStep), n(st.max), n(st.maxStep)]);
    }
    tables.push({
      caption: tag,
      table: { columns: ['Run', 'Points', 'Last step', 'Last', 'Min', 'Min at step', 'Max', 'Max at step'], rows },
    });
  }
  return tables;
}

/** Builds the training-curves report. Order: summary, warnings, charts, per-tag tables. */
export function buildCurvesReport(runs: Runs, options: CurvesReportOptions = {}): Report {
  const o = resolveCurveOptions(options);
  const label = (run: string) => o.runNames.get(run) ?? run;
  const tags = seriesByTag(runs);
  let points = 0;
  for (const t of runs.values()) for (const s of t.values()) points += s.values.length;
  const facts: [string, string][] = [];
  if (options.logdir) facts.push(['Logdir', options.logdir]);
  facts.push(
    ['Runs', `${runs.size}: ${[...runs.keys()].slice(0, 20).map(label).join(', ')}${runs.size > 20 ? ', …' : ''}`],
    ['Tags', `${tags.size}: ${[...tags.keys()].slice(0, 30).join(', ')}${tags.size > 30 ? ', …' : ''}`],
    ['Points', formatNumber(points)],
    ['Smoothing', `${o.smoothing} (TensorBoard's debiased exponential moving average)`],
    ['X axis', o.x === 'step' ? 'step' : 'relative wall time'],
  );
  if (o.logY) facts.push(['Y scale', 'logarithmic']);
  const sections: ReportSection[] = [{ kind: 'summary', id: 'summary', title: 'Summary', facts, cards: [] }];
  if (options.warnings && options.warnings.length > 0) {
    sections.push({ kind: 'warnings', id: 'warnings', title: 'Warnings', items: [...options.warnings] });
  }
  const charts = curveCharts(runs, options);
  if (charts.length > 0) sections.push({ kind: 'charts', id: 'charts', title: 'Training curves', charts });
  if (tags.size > 0) sections.push({ kind: 'tables', id: 'tags', title: 'Last, min and max per run', tables: statsTables(runs, label) });
  return {
    title: options.logdir ? `Training curves: ${options.logdir}` : 'Training curves',
    subtitle: `${runs.size} run${runs.size === 1 ? '' : 's'} · ${tags.size} tag${tags.size === 1 ? '' : 's'}`,
    created: options.created ?? new Date().toISOString(),
    posthoc_version: VERSION,
    sections,
  };
}
