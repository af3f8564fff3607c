/**
 * Report → HTML markup for its body. Pure string code with no Node imports, so the same
 * function renders the exported file on the host and the live view in the webview.
 * Every user-supplied string goes through {@link escapeHtml}.
 */
import { formatNumber } from '../charts/format';
import type { ChartEntry, DataTable } from '../charts/types';
import { footerText } from './strings';
import type { ImageGrid, MetricCard, Report, ReportImage, ReportSection } from './types';

/** Rows shown per table before the rest is left to "Copy" (big curve tables would bloat the DOM). */
export const MAX_HTML_TABLE_ROWS = 500;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for use in HTML content and quoted attribute values. */
export function escapeHtml(text: unknown): string {
  return String(text).replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** A DOM id fragment from a free string (ids come from our code, but stay safe anyway). */
function slug(id: string): string {
  return id.replace(/[^A-Za-z0-9_-]/g, '-');
}

/** Renders a data table; numbers are right-aligned with full precision in the title. */
export function tableHtml(table: DataTable, caption?: string, maxRows = MAX_HTML_TABLE_ROWS): string {
  // Headers of all-number columns align with their numbers.
  const numeric = table.columns.map((_, i) => table.rows.length > 0 && table.rows.every((r) => typeof r[i] === 'number' || r[i] === null));
  const head = table.columns.map((c, i) => `<th scope="col"${numeric[i] ? ' class="num"' : ''}>${escapeHtml(c)}</th>`).join('');
  const body = table.rows.slice(0, maxRows).map((row) => {
    const cells = row.map((cell, i) => {
      const tag = i === 0 ? 'th scope="row"' : 'td';
      const close = i === 0 ? 'th' : 'td';
      if (typeof cell === 'number') return `<${tag} class="num" title="${escapeHtml(cell)}">${escapeHtml(formatNumber(cell))}</${close}>`;
      return `<${tag}>${escapeHtml(cell ?? '')}</${close}>`;
    });
    return `<tr>${cells.join('')}</tr>`;
  });
  const more = table.rows.length > maxRows
    ? `<p class="ph-note">Showing ${maxRows} of ${table.rows.length} rows; “Copy” copies all of them.</p>` : '';
  const empty = table.rows.length === 0 ? '' : `<div class="ph-table-scroll"><table><thead><tr>${head}</tr></thead><tbody>${body.join('')}</tbody></table></div>`;
  const cap = caption ? `<h3 class="ph-table-caption">${escapeHtml(caption)}</h3>` : '';
  return `<div class="ph-table">${cap}${empty}${more}</div>`;
}

/** Only inline PNG/JPEG/WebP data: URLs are embedded; anything else is dropped, never fetched. */
function imageHtml(img: ReportImage): string {
  if (!/^data:image\/(png|jpeg|webp);base64,[A-Za-z0-9+/=]+$/.test(img.src)) return '';
  return `<img class="ph-thumb" src="${img.src}" alt="${escapeHtml(img.alt)}" title="${escapeHtml(img.title ?? img.alt)}" loading="lazy">`;
}

/** A table whose cells may hold thumbnails (the image gallery). */
export function imageGridHtml(grid: ImageGrid): string {
  const head = grid.columns.map((c) => `<th scope="col">${escapeHtml(c)}</th>`).join('');
  const body = grid.rows.map((row) => `<tr>${row.map((cell, i) => {
    const tag = i === 0 ? 'th scope="row"' : 'td';
    const inner = cell !== null && typeof cell === 'object' ? cell.images.map(imageHtml).join(' ')
      : typeof cell === 'number' ? escapeHtml(formatNumber(cell)) : escapeHtml(cell ?? '');
    return `<${tag}>${inner}</${i === 0 ? 'th' : 'td'}>`;
  }).join('')}</tr>`).join('');
  const cap = grid.caption ? `<h3 class="ph-table-caption">${escapeHtml(grid.caption)}</h3>` : '';
  return `<div class="ph-table ph-gallery">${cap}<div class="ph-table-scroll"><table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div></div>`;
}

function cardHtml(card: MetricCard): string {
  const ci = card.ci ? `<div class="ph-card-ci">[${escapeHtml(formatNumber(card.ci[0]))}, ${escapeHtml(formatNumber(card.ci[1]))}]</div>` : '';
  return `<div class="ph-card"><div class="ph-card-label">${escapeHtml(card.label)}</div>`
    + `<div class="ph-card-value" title="${escapeHtml(card.value)}">${escapeHtml(formatNumber(card.value))}</div>${ci}</div>`;
}

/** One chart's frame: the view is filled by the webview's vega-embed, the table is there already. */
export function chartHtml(chart: ChartEntry): string {
  const id = slug(chart.id);
  return `<figure class="ph-chart" id="chart-${id}" data-chart-id="${escapeHtml(chart.id)}">`
    + `<div class="ph-chart-head"><h3>${escapeHtml(chart.title)}</h3><div class="ph-chart-actions" role="toolbar" aria-label="${escapeHtml(chart.title)} actions">`
    + `<button type="button" data-action="table" aria-pressed="false" aria-controls="table-${id}">Table</button>`
    + '<button type="button" data-action="copy" title="Copy the data as tab-separated text">Copy</button>'
    + '<button type="button" data-action="png">PNG</button><button type="button" data-action="svg">SVG</button></div></div>'
    + `<figcaption class="ph-chart-summary">${escapeHtml(chart.summary)}</figcaption>`
    + `<div class="ph-chart-view" role="img" aria-label="${escapeHtml(`${chart.title}: ${chart.summary}`)}"></div>`
    + `<div class="ph-chart-table" id="table-${id}" hidden>${tableHtml(chart.table)}</div></figure>`;
}

function sectionBody(section: ReportSection): string {
  switch (section.kind) {
    case 'summary':
      return `<dl class="ph-facts">${section.facts.map(([k, v]) => `<div><dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd></div>`).join('')}</dl>`
        + `<div class="ph-cards">${section.cards.map(cardHtml).join('')}</div>`;
    case 'tables':
      return section.tables.map((t) => tableHtml(t.table, t.caption)).join('');
    case 'charts':
      return `<div class="ph-charts">${section.charts.map(chartHtml).join('')}</div>`;
    case 'warnings':
      return `<ul class="ph-warnings">${section.items.map((w) => `<li>${escapeHtml(w)}</li>`).join('')}</ul>`;
    case 'gallery':
      return section.grids.map(imageGridHtml).join('');
  }
}

/** The whole report body: header, sections, footer. Export buttons start hidden; the webview shows them. */
export function reportBodyHtml(report: Report): string {
  const sections = report.sections.map((s) => {
    const id = slug(s.id);
    return `<section class="ph-section ph-section-${s.kind}" id="section-${id}" aria-labelledby="heading-${id}"><h2 id="heading-${id}">${escapeHtml(s.title)}</h2>${sectionBody(s)}</section>`;
  });
  return `<header class="ph-header"><div><h1>${escapeHtml(report.title)}</h1><p class="ph-subtitle">${escapeHtml(report.subtitle)}</p></div>`
    + '<div class="ph-toolbar" role="toolbar" aria-label="Export report" hidden>'
    + '<button type="button" data-export="html">Export HTML</button><button type="button" data-export="md">Export Markdown</button><button type="button" data-export="json">Export JSON</button></div></header>'
    + `<p class="ph-status" role="status" aria-live="polite"></p>`
    + `<main>${sections.join('')}</main>`
    + `<footer class="ph-footer">${escapeHtml(footerText(report.created, report.posthoc_version))}</footer>`;
}
