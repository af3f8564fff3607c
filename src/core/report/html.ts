/**
 * HTML documents: the self-contained exported report, and the shell of the VS Code webview.
 * Both carry a strict Content-Security-Policy: one nonce for the inline script and style, no
 * 'unsafe-eval' (vega-embed runs with vega-interpreter), nothing loaded from the network.
 */
import { randomBytes } from 'node:crypto';
import { REPORT_ISLAND_ID, REPORT_ROOT_ID } from './constants';
import { escapeHtml, reportBodyHtml } from './sectionsHtml';
import type { Report } from './types';

export { REPORT_ISLAND_ID, REPORT_ROOT_ID };

/** A fresh CSP nonce: 128 random bits, base64. */
export function makeNonce(): string {
  return randomBytes(16).toString('base64');
}

/**
 * JSON that is safe inside a `<script>` element: `<`, `>` and `&` become \u escapes, so no
 * `</script` or `<!--` can appear, and U+2028/2029 are escaped for older JS parsers.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * Makes code or CSS safe to inline in a raw-text element. A literal `</script` would end the
 * element early, and `<!--` followed by `<script` would put the parser in a state where the real
 * end tag is missed. In JS, `\x3C` means `<` in strings, template literals and regexes (also with
 * the `u` flag); in CSS, `\3C ` does the same in strings. Both occur only in those places.
 */
export function inlineRawText(text: string, tag: 'script' | 'style'): string {
  if (tag === 'style') return text.replace(/<\/(style)/gi, '\\3C /$1');
  return text.replace(/<\/(script)/gi, '\\x3C/$1').replace(/<!--/g, '\\x3C!--');
}

function documentHtml(opts: { csp: string; title: string; head: string; body: string; bodyClass?: string }): string {
  return '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
    // Only `&` and `"` need escaping here; CSP keywords keep their literal single quotes.
    + `<meta http-equiv="Content-Security-Policy" content="${opts.csp.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}">\n`
    + '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
    + `<meta name="color-scheme" content="light dark">\n<title>${escapeHtml(opts.title)}</title>\n${opts.head}\n</head>\n`
    + `<body${opts.bodyClass ? ` class="${opts.bodyClass}"` : ''}>\n${opts.body}\n</body>\n</html>\n`;
}

/** Options of {@link renderHtml}: the bundled dist/webview.js and media/report.css, as text. */
export interface RenderHtmlOptions {
  webviewScript: string;
  css: string;
  /** Nonce for tests; a fresh random one by default. */
  nonce?: string;
}

/**
 * Renders ONE self-contained HTML file that works offline: the report body pre-rendered (so
 * tables read without JavaScript), the report as a JSON island, the webview script and CSS inline.
 */
export function renderHtml(report: Report, options: RenderHtmlOptions): string {
  const nonce = options.nonce ?? makeNonce();
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src 'nonce-${nonce}'`,
    'img-src data: blob:',
    'font-src data:',
  ].join('; ');
  const head = `<style nonce="${nonce}">\n${inlineRawText(options.css, 'style')}\n</style>`;
  // A source map comment would point at a file that does not travel with the report.
  const script = options.webviewScript.replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n');
  const body = `<div id="${REPORT_ROOT_ID}" class="ph-report">${reportBodyHtml(report)}</div>\n`
    + `<script type="application/json" id="${REPORT_ISLAND_ID}">${jsonForScript(report)}</script>\n`
    + `<script nonce="${nonce}">\n${inlineRawText(script, 'script')}\n</script>`;
  // The standalone file has no VS Code body class; the webview then follows prefers-color-scheme.
  return documentHtml({ csp, title: `Posthoc — ${report.title}`, head, body, bodyClass: 'ph-standalone' });
}

/** Options of {@link webviewShellHtml}; URIs come from `webview.asWebviewUri`. */
export interface WebviewShellOptions {
  nonce: string;
  /** `webview.cspSource`. */
  cspSource: string;
  scriptUri: string;
  styleUri: string;
  title?: string;
}

/**
 * The HTML of the report webview panel: an empty root, the CSS and the script. The script posts
 * `{type:'ready'}` and renders the report the host sends back.
 */
export function webviewShellHtml(o: WebviewShellOptions): string {
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${o.nonce}'`,
    `style-src ${o.cspSource}`,
    `img-src ${o.cspSource} data: blob:`,
    `font-src ${o.cspSource}`,
  ].join('; ');
  const head = `<link rel="stylesheet" href="${escapeHtml(o.styleUri)}">`;
  const body = `<div id="${REPORT_ROOT_ID}" class="ph-report"><p class="ph-loading">Loading report…</p></div>\n`
    + `<script nonce="${o.nonce}" src="${escapeHtml(o.scriptUri)}"></script>`;
  return documentHtml({ csp, title: o.title ?? 'Posthoc report', head, body });
}
