import * as vscode from 'vscode';
import { webviewPageHtml } from '../webviewShell';

/** Styles of the controls bar; the report's own look comes from media/report.css. */
const CONTROLS_CSS = `
.ph-curves-controls { display: flex; flex-wrap: wrap; gap: 0.75rem 1.5rem; align-items: flex-start; padding: 0.5rem 0 0.75rem; border-bottom: 1px solid var(--vscode-panel-border, #8884); }
.ph-curves-controls fieldset { border: none; margin: 0; padding: 0; min-width: 10rem; }
.ph-curves-controls legend { font-weight: 600; padding: 0; margin-bottom: 0.25rem; }
.ph-curves-list { max-height: 9rem; overflow: auto; display: flex; flex-direction: column; gap: 0.1rem; }
.ph-curves-list label, .ph-curves-controls label { display: flex; gap: 0.35rem; align-items: center; white-space: nowrap; }
.ph-curves-list-actions { display: flex; gap: 0.35rem; margin-top: 0.25rem; }
.ph-curves-smoothing input[type=range] { width: 12rem; }
.ph-curves-live { color: var(--vscode-descriptionForeground); margin: 0.25rem 0 0; }
`;

/**
 * The curves panel page: strict CSP (a fresh nonce for our script and styles, no eval), the
 * report stylesheet, a loading line, and dist/curves.js, which builds the controls and draws
 * the charts once the host sends the first report.
 */
export function curvesShellHtml(webview: vscode.Webview, extensionUri: vscode.Uri, title: string): string {
  return webviewPageHtml(webview, extensionUri, {
    title,
    script: 'curves.js',
    stylesheet: 'report.css',
    inlineCss: CONTROLS_CSS,
    body: `<div id="posthoc-curves" class="ph-report" aria-live="polite">
<p class="ph-curves-live" id="ph-curves-status" role="status">Reading training logs…</p>
</div>`,
  });
}
