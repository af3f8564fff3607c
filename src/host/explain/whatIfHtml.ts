/**
 * The what-if page shell: strict CSP (our nonce'd script and stylesheets only, no
 * 'unsafe-eval'), the report stylesheet plus a few layout rules, and dist/whatif.js.
 */
import * as vscode from 'vscode';
import { cspNonce, escapeHtml } from '../webviewShell';

const LAYOUT = `
.ph-whatif { display: grid; grid-template-columns: minmax(16rem, 22rem) 1fr; gap: 1.5rem; padding: 1rem; }
.ph-whatif-inputs { display: grid; grid-template-columns: auto 1fr; gap: .25rem .5rem; align-items: center; max-height: 80vh; overflow: auto; }
.ph-whatif-inputs label { font-family: var(--vscode-editor-font-family); font-size: .9em; overflow-wrap: anywhere; }
.ph-whatif-inputs input { width: 100%; box-sizing: border-box; background: var(--vscode-input-background); color: var(--vscode-input-foreground); border: 1px solid var(--vscode-input-border, transparent); padding: 2px 4px; }
.ph-whatif-inputs input.ph-changed { border-color: var(--vscode-inputValidation-warningBorder, orange); }
.ph-whatif-inputs input:invalid { border-color: var(--vscode-inputValidation-errorBorder, red); }
.ph-whatif-actions { display: flex; gap: .5rem; margin: .5rem 0 1rem; }
.ph-whatif-prediction table { border-collapse: collapse; }
.ph-whatif-prediction td { padding: 2px 8px; }
.ph-whatif-prediction tr.ph-explained { font-weight: bold; }
.ph-whatif-chart { width: 100%; min-height: 12rem; }
.ph-whatif-status { opacity: .8; min-height: 1.4em; }
.ph-whatif-status.ph-error { color: var(--vscode-errorForeground); opacity: 1; }
`;

/** The page for one what-if panel. */
export function whatIfHtml(webview: vscode.Webview, extensionUri: vscode.Uri, title: string): string {
  const nonce = cspNonce();
  const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'whatif.js'));
  const css = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'report.css'));
  const csp = [
    "default-src 'none'",
    `img-src ${webview.cspSource} data:`,
    `style-src ${webview.cspSource} 'nonce-${nonce}'`,
    `script-src 'nonce-${nonce}'`,
    `font-src ${webview.cspSource}`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<meta name="csp-nonce" content="${nonce}">
<link rel="stylesheet" href="${css}" nonce="${nonce}">
<style nonce="${nonce}">${LAYOUT}</style>
<title>${escapeHtml(title)}</title>
</head>
<body>
<main class="ph-whatif" id="ph-whatif" aria-busy="true">
<section><h1>${escapeHtml(title)}</h1><p class="ph-whatif-status" role="status" aria-live="polite">Loading…</p></section>
</main>
<script nonce="${nonce}" src="${script}"></script>
</body>
</html>`;
}
