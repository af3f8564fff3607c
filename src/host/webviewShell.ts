import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

/** Scripts on, and only dist/ and media/ of the extension readable. */
export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')] };
}

/** A fresh CSP nonce from the OS's CSPRNG (not Math.random). */
export function cspNonce(): string {
  return randomBytes(16).toString('base64');
}

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The model card page: strict CSP (nothing but our nonce'd script and stylesheets), a
 * progress bar shown until the card arrives, and the bundled dist/modelCard.js.
 */
export function modelCardHtml(webview: vscode.Webview, extensionUri: vscode.Uri, title: string): string {
  const nonce = cspNonce();
  const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'modelCard.js'));
  const css = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'modelCard.css'));
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
<link rel="stylesheet" href="${css}" nonce="${nonce}">
<title>${escapeHtml(title)}</title>
</head>
<body>
<main id="ph-card" class="ph-card" aria-live="polite" aria-busy="true">
<p class="ph-card-loading">Reading ${escapeHtml(title)}…</p>
<div class="ph-progress" role="progressbar" aria-label="Reading the model"><div class="ph-progress-bar"></div></div>
</main>
<script nonce="${nonce}" src="${script}"></script>
</body>
</html>`;
}
