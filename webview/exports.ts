/**
 * Exports from the page: chart images and the chart data. Inside VS Code the host writes files
 * (webviews cannot download); in the standalone file the browser downloads them.
 */
import type { DataTable } from '../src/core/charts/types';
import type { ChartExportFormat } from '../src/shared/protocol';
import type { ChartViews } from './charts';
import type { HostRequests } from './vscodeApi';

/** Scale of PNG exports: crisp on high-DPI screens and in slides. */
const PNG_SCALE = 2;

/** Starts a browser download of `href` (a data: or blob: URL). */
export function download(href: string, fileName: string): void {
  const a = document.createElement('a');
  a.href = href;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
}

/**
 * Exports one chart as PNG or SVG: to the host when there is one, else as a download.
 * Resolves with a status line to show.
 */
export async function exportChart(views: ChartViews, chartId: string, format: ChartExportFormat, host: HostRequests | undefined): Promise<string> {
  const view = views.view(chartId);
  if (!view) return 'The chart has not been drawn yet.';
  if (format === 'png') {
    const dataUrl = await view.toImageURL('png', PNG_SCALE);
    if (!host) {
      download(dataUrl, `${chartId}.png`);
      return `Downloaded ${chartId}.png`;
    }
    const reply = await host.request((id) => ({ type: 'exportChart', id, chartId, format: 'png', dataUrl }));
    return reply.ok ? String(reply.value ?? 'Saved.') : reply.error;
  }
  const svg = await view.toSVG();
  if (!host) {
    const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
    download(url, `${chartId}.svg`);
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    return `Downloaded ${chartId}.svg`;
  }
  const reply = await host.request((id) => ({ type: 'exportChart', id, chartId, format: 'svg', svg }));
  return reply.ok ? String(reply.value ?? 'Saved.') : reply.error;
}

/** A table as tab-separated text with full-precision numbers, for pasting into a spreadsheet. */
export function tableTsv(table: DataTable): string {
  const clean = (v: unknown) => String(v ?? '').replace(/[\t\r\n]+/g, ' ');
  return [table.columns, ...table.rows].map((r) => r.map(clean).join('\t')).join('\n');
}

/** Copies text to the clipboard; falls back to a hidden textarea where the API is missing. */
export async function copyText(text: string): Promise<void> {
  if (navigator.clipboard?.writeText) {
    try {
      await navigator.clipboard.writeText(text);
      return;
    } catch {
      // Some contexts (file:// pages) refuse the async API; fall through to the old way.
    }
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.className = 'ph-offscreen';
  document.body.append(area);
  area.select();
  document.execCommand('copy');
  area.remove();
}
