/**
 * The small type guards every webview protocol in src/shared/ validates messages with. Kept in a
 * module of their own, free of `vscode` and Node imports, so the protocols (which the webview
 * bundles import too) share them without importing each other.
 */

/** A plain object as it arrives in a message. */
export type Rec = Record<string, unknown>;

/** An object, not null and not an array. */
export function isRecord(x: unknown): x is Rec {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Exactly these keys, no more: unknown fields are a sign of a mismatched or forged message. */
export function hasExactKeys(x: Rec, keys: readonly string[]): boolean {
  const own = Object.keys(x);
  return own.length === keys.length && keys.every((k) => Object.prototype.hasOwnProperty.call(x, k));
}

/** A whole number from 0 to `max` (counts, indices). */
export function isCount(x: unknown, max: number): x is number {
  return typeof x === 'number' && Number.isSafeInteger(x) && x >= 0 && x <= max;
}

/** A request id (or any other non-negative safe integer). */
export function isRequestId(x: unknown): x is number {
  return isCount(x, Number.MAX_SAFE_INTEGER);
}

/** A string of `min` to `max` characters. */
export function isBoundedString(x: unknown, max: number, min = 0): x is string {
  return typeof x === 'string' && x.length >= min && x.length <= max;
}

/** A PNG image as a base64 data URL, nothing else (checked before the host writes it to a file). */
export const PNG_DATA_URL = /^data:image\/png;base64,[A-Za-z0-9+/]+={0,2}$/;

/**
 * The host's answer to a webview request: an id, and `ok: true` or `ok: false` with an error
 * text. Checks the shape only (the host is trusted); the value is the caller's to read.
 */
export function isReplyShape(x: Rec): boolean {
  return isRequestId(x.id) && (x.ok === true || (x.ok === false && typeof x.error === 'string'));
}

/**
 * The two messages every Posthoc page sends: `ready` (the type alone) once its script runs, and
 * `error` with a message of at most `maxMessageChars` when something failed in the page.
 */
export function isReadyOrError(x: Rec, maxMessageChars: number): boolean {
  if (x.type === 'ready') return hasExactKeys(x, ['type']);
  return x.type === 'error' && hasExactKeys(x, ['type', 'message']) && isBoundedString(x.message, maxMessageChars);
}
