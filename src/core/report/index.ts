/**
 * Reports: buildReport turns an EvaluationResult into ordered sections; renderers turn a
 * Report into a self-contained HTML file, Markdown, or (for the result) JSON.
 */
export { buildReport } from './build';
export { buildExplainReport, METHOD_LABELS } from './explainReport';
export { buildCurvesReport, type CurvesReportOptions } from './curvesReport';
export { renderHtml, webviewShellHtml, makeNonce, jsonForScript, inlineRawText, REPORT_ISLAND_ID, REPORT_ROOT_ID } from './html';
export type { RenderHtmlOptions, WebviewShellOptions } from './html';
export { renderMarkdown, escapeMarkdown, markdownTable } from './markdown';
export { renderJson } from './json';
export { escapeHtml, reportBodyHtml, tableHtml } from './sectionsHtml';
export { metricLabel } from './strings';
export type { MetricCard, Report, ReportSection, ReportTable, SummarySection, TablesSection, ChartsSection, WarningsSection } from './types';
