/**
 * Messages between the model card editor (host) and its webview (webview/modelCard/). Kept
 * free of `vscode` imports so the webview bundle can import it too. Messages from the webview
 * are untrusted: the host passes them through {@link isCardWebviewMessage} first.
 */
import type { ModelCard } from '../core/evaluate/types';

/** Host → webview. */
export type CardHostMessage =
  | { type: 'loading'; fileName: string; sizeBytes: number }
  | { type: 'card'; card: ModelCard; trusted: boolean }
  | { type: 'error'; fileName: string; message: string }
  | { type: 'trust'; trusted: boolean };

/** Webview → host. `rendered` says what the page now shows (for diagnostics and tests). */
export type CardWebviewMessage =
  | { type: 'ready' }
  | { type: 'evaluate' }
  | { type: 'explain' }
  | { type: 'serve' }
  | { type: 'optimize' }
  | { type: 'benchmark' }
  | { type: 'rendered'; state: 'card' | 'error'; summary: string };

const MAX_SUMMARY = 2000;

/** Validates a message from the card webview: known type, exact keys, bounded strings. */
export function isCardWebviewMessage(x: unknown): x is CardWebviewMessage {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return false;
  const m = x as Record<string, unknown>;
  const keys = Object.keys(m).sort().join(',');
  switch (m.type) {
    case 'ready':
    case 'evaluate':
    case 'explain':
    case 'serve':
    case 'optimize':
    case 'benchmark':
      return keys === 'type';
    case 'rendered':
      return keys === 'state,summary,type' && (m.state === 'card' || m.state === 'error') && typeof m.summary === 'string' && m.summary.length <= MAX_SUMMARY;
    default:
      return false;
  }
}

/** Checks the shape the webview relies on; the host is trusted, so this is a sanity check. */
export function isCardHostMessage(x: unknown): x is CardHostMessage {
  if (typeof x !== 'object' || x === null) return false;
  const m = x as Record<string, unknown>;
  switch (m.type) {
    case 'loading':
      return typeof m.fileName === 'string' && typeof m.sizeBytes === 'number';
    case 'card':
      return typeof m.card === 'object' && m.card !== null && typeof m.trusted === 'boolean';
    case 'error':
      return typeof m.fileName === 'string' && typeof m.message === 'string';
    case 'trust':
      return typeof m.trusted === 'boolean';
    default:
      return false;
  }
}
