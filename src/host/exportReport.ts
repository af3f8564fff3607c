import * as path from 'node:path';
import * as vscode from 'vscode';
import { UsageError } from '../core/errors';
import type { EvaluationResult } from '../core/evaluate/types';
import type { ExplainResult } from '../core/explain/pipeline/options';
import type { Report } from '../core/report/types';
import { pngBytesFromDataUrl } from '../shared/protocol';
import { messages } from './messages';
import { safeFileName, saveWithDialog } from './saveFile';

/** Formats a whole report can be saved as. */
export type ReportFormat = 'html' | 'md' | 'json';

/** Arguments of `posthoc.exportReport` for programmatic callers. */
export interface ExportArgs {
  format?: ReportFormat;
  /** Save here instead of asking; refused when a file already exists. */
  target?: vscode.Uri | string;
}

const FORMATS: Record<ReportFormat, { label: string; filter: string }> = {
  html: { label: 'HTML (standalone page with charts)', filter: 'HTML' },
  md: { label: 'Markdown', filter: 'Markdown' },
  json: { label: 'JSON (the raw result, as the CLI writes it)', filter: 'JSON' },
};

export function isReportFormat(v: unknown): v is ReportFormat {
  return typeof v === 'string' && Object.hasOwn(FORMATS, v);
}

/** What can be exported: the report, plus the raw evaluation result or explanation for JSON. */
export interface ExportContent {
  report: Report;
  result?: EvaluationResult;
  explain?: ExplainResult;
}

/** Asks which format, unless given. */
export async function pickFormat(): Promise<ReportFormat | undefined> {
  const items = (Object.keys(FORMATS) as ReportFormat[]).map((format) => ({ label: FORMATS[format].label, format }));
  return (await vscode.window.showQuickPick(items, { title: 'Posthoc: Export Report' }))?.format;
}

/**
 * Renders the report (or result) as text in the given format. HTML inlines the webview bundle
 * and stylesheet so the page works offline on its own.
 */
export async function renderReportText(extensionUri: vscode.Uri, content: ExportContent, format: ReportFormat): Promise<string> {
  const render = await import('../core/report/index');
  if (format === 'json' && content.explain) {
    const { renderExplainJson } = await import('../core/explain/pipeline/json');
    return renderExplainJson(content.explain);
  }
  if (format === 'json') {
    if (!content.result) throw new UsageError(messages.noResultForJson);
    return render.renderJson(content.result);
  }
  if (format === 'md') return render.renderMarkdown(content.report);
  const read = async (...p: string[]) => new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, ...p)));
  return render.renderHtml(content.report, { webviewScript: await read('dist', 'webview.js'), css: await read('media', 'report.css') });
}

/** Renders the report (or result) in the given format and saves it through the save dialog. */
export async function exportReport(
  extensionUri: vscode.Uri,
  content: ExportContent,
  format: ReportFormat,
  target?: vscode.Uri,
): Promise<vscode.Uri | undefined> {
  const text = await renderReportText(extensionUri, content, format);
  const stem = safeFileName(
    content.result ? path.parse(content.result.model.file_name).name + '-report'
      : content.explain ? `${path.parse(content.explain.context.model.file_name).name}-${content.explain.context.method}`
        : 'posthoc-report',
  );
  return saveWithDialog({ content: text, suggestedName: `${stem}.${format}`, filterName: FORMATS[format].filter, extensions: [format], target });
}

/** A chart the webview rendered: PNG as a validated data URL, or SVG text. */
export type ChartImage = { format: 'png'; name: string; dataUrl: string } | { format: 'svg'; name: string; svg: string };

/** Saves a chart image through the save dialog. The protocol validators already checked the content. */
export async function exportChart(chart: ChartImage): Promise<vscode.Uri | undefined> {
  const bytes = chart.format === 'png' ? pngBytesFromDataUrl(chart.dataUrl) : new TextEncoder().encode(chart.svg);
  return saveWithDialog({ content: bytes, suggestedName: `${safeFileName(chart.name)}.${chart.format}`, filterName: chart.format.toUpperCase(), extensions: [chart.format] });
}
