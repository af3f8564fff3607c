import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { reportError } from './errors';
import { log } from './log';

/** Scripts on, and only dist/ and media/ of the extension readable. */
export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')] };
}

/**
 * Listens to a webview, which is a browser page: every message goes through `isValid` (type,
 * every field, nothing extra) before `handle` sees it; the rest is logged and dropped. Errors of
 * `handle` are shown to the user once.
 */
export function onValidMessage<M>(webview: vscode.Webview, page: string, isValid: (raw: unknown) => raw is M, handle: (m: M) => Promise<void>): vscode.Disposable {
  return webview.onDidReceiveMessage((raw: unknown) => {
    if (!isValid(raw)) {
      log().warn(`ignored an invalid message from the ${page} webview: ${JSON.stringify(raw)?.slice(0, 200)}`);
      return;
    }
    void handle(raw).catch(reportError);
  });
}

/** A fresh CSP nonce from the OS's CSPRNG (not Math.random). */
export function cspNonce(): string {
  return randomBytes(16).toString('base64');
}

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** What differs between Posthoc's webview pages; everything else (CSP, nonces, head) is shared. */
export interface WebviewPage {
  title: string;
  /** The bundle in dist/ that runs the page, e.g. 'webview.js'. */
  script: string;
  /** The stylesheet in media/, e.g. 'report.css'. */
  stylesheet: string;
  /** Page-specific CSS, inlined under the same nonce. */
  inlineCss?: string;
  /** The body's markup before the script runs (already escaped). */
  body: string;
}

/**
 * A Posthoc webview page with a strict CSP: nothing loads but our nonce'd script and styles
 * from dist/ and media/ (no inline handlers, no eval); images only from the extension or data:
 * URLs. The nonce is also published in a meta tag for styles the page's script adds later.
 */
export function webviewPageHtml(webview: vscode.Webview, extensionUri: vscode.Uri, page: WebviewPage): string {
  const nonce = cspNonce();
  const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', page.script));
  const css = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', page.stylesheet));
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
${page.inlineCss ? `<style nonce="${nonce}">${page.inlineCss}</style>\n` : ''}<title>${escapeHtml(page.title)}</title>
</head>
<body>
${page.body}
<script nonce="${nonce}" src="${script}"></script>
</body>
</html>`;
}

/** The model card page: a progress bar shown until the card arrives, then dist/modelCard.js draws it. */
export function modelCardHtml(webview: vscode.Webview, extensionUri: vscode.Uri, title: string): string {
  return webviewPageHtml(webview, extensionUri, {
    title,
    script: 'modelCard.js',
    stylesheet: 'modelCard.css',
    body: `<main id="ph-card" class="ph-card" aria-live="polite" aria-busy="true">
<p class="ph-card-loading">Reading ${escapeHtml(title)}…</p>
<div class="ph-progress" role="progressbar" aria-label="Reading the model"><div class="ph-progress-bar"></div></div>
</main>`,
  });
}
