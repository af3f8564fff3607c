/**
 * The what-if page shell: strict CSP (our nonce'd script and stylesheets only, no
 * 'unsafe-eval'), the report stylesheet plus a few layout rules, and dist/whatif.js.
 */
import * as vscode from 'vscode';
import { escapeHtml, webviewPageHtml } from '../webviewShell';

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
  return webviewPageHtml(webview, extensionUri, {
    title,
    script: 'whatif.js',
    stylesheet: 'report.css',
    inlineCss: LAYOUT,
    body: `<main class="ph-whatif" id="ph-whatif" aria-busy="true">
<section><h1>${escapeHtml(title)}</h1><p class="ph-whatif-status" role="status" aria-live="polite">Loading…</p></section>
</main>`,
  });
}
