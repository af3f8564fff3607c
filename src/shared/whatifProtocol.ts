/**
 * The typed messages between the host and the what-if webview (webview/whatif/). Both sides
 * import this file; it has no `vscode` import. Messages from the webview are untrusted: the host
 * passes them through {@link isWhatIfWebviewMessage} with the panel's feature names first.
 */
import type { ExplainSpace } from '../core/explain/types';
import { hasExactKeys, isReadyOrError, isRecord, isRequestId } from './validate';

/** What the panel explains: the model's features, the starting row, and the explained output. */
export interface WhatIfSetup {
  features: string[];
  /** The data row's feature values, as read. */
  original: number[];
  nRows: number;
  row: number;
  task: 'binary' | 'multiclass' | 'regression';
  /** Class names (classifiers) or the target name (regression), in output order. */
  outputNames: string[];
  /** Index of the output the SHAP values explain. */
  classIndex: number;
  space: ExplainSpace;
  /** Where the background comes from, for the footer. */
  background: string;
  /** KernelSHAP coalitions per evaluation. */
  budget: number;
}

/** One evaluation of an edited row: every output, and the KernelSHAP values of the explained one. */
export interface WhatIfOutcome {
  values: number[];
  /** Model outputs (class probabilities or the value), in output order. */
  prediction: number[];
  /** The explained output f(x) in `space`; base + Σ phi = fx. */
  fx: number;
  base: number;
  phi: number[];
  elapsedMs: number;
}

// ---- host → webview ----

/** Host → webview: the panel's title and setup, and the values to show in the inputs. */
export interface WhatIfInitMessage { type: 'init'; title: string; setup: WhatIfSetup; values: number[] }
/** Host → webview: the result for the edit with sequence number `seq`, and its chart spec. */
export interface WhatIfResultMessage { type: 'result'; seq: number; outcome: WhatIfOutcome; spec: Record<string, unknown> }
/** Host → webview: a status line (loading, computing, an error). */
export interface WhatIfStatusMessage { type: 'status'; text: string; error: boolean }

export type WhatIfHostMessage = WhatIfInitMessage | WhatIfResultMessage | WhatIfStatusMessage;

// ---- webview → host ----

/** Webview → host: every feature's value after an edit; `seq` increases with each edit. */
export interface WhatIfEditMessage { type: 'edit'; seq: number; values: Record<string, number> }

export type WhatIfWebviewMessage =
  | { type: 'ready' }
  | WhatIfEditMessage
  | { type: 'reset' }
  | { type: 'copy' }
  | { type: 'error'; message: string };

/** Limits on what the webview may send. */
export const WHATIF_LIMITS = { maxMessageChars: 10_000, maxAbsValue: 1e300 } as const;

/** A finite number within the limits (no NaN, no ±Infinity). */
export function isFiniteValue(x: unknown): x is number {
  return typeof x === 'number' && Number.isFinite(x) && Math.abs(x) <= WHATIF_LIMITS.maxAbsValue;
}

/**
 * Validates a message from the what-if webview: known type, exact keys, and for an edit a value
 * for exactly the panel's `features`, each a finite number.
 */
export function isWhatIfWebviewMessage(x: unknown, features: readonly string[]): x is WhatIfWebviewMessage {
  if (!isRecord(x)) return false;
  switch (x.type) {
    case 'reset':
    case 'copy':
      return hasExactKeys(x, ['type']);
    case 'ready':
    case 'error':
      return isReadyOrError(x, WHATIF_LIMITS.maxMessageChars);
    case 'edit': {
      if (!hasExactKeys(x, ['type', 'seq', 'values']) || !isRequestId(x.seq)) return false;
      const values = x.values;
      return isRecord(values) && hasExactKeys(values, features) && features.every((f) => isFiniteValue(values[f]));
    }
    default:
      return false;
  }
}

/** Checks the shape the webview relies on (the host is trusted, so this is a sanity check). */
export function isWhatIfHostMessage(x: unknown): x is WhatIfHostMessage {
  if (!isRecord(x)) return false;
  switch (x.type) {
    case 'init':
      return typeof x.title === 'string' && isRecord(x.setup) && Array.isArray(x.setup.features) && Array.isArray(x.values);
    case 'result':
      return typeof x.seq === 'number' && isRecord(x.outcome) && Array.isArray(x.outcome.phi) && isRecord(x.spec);
    case 'status':
      return typeof x.text === 'string' && typeof x.error === 'boolean';
    default:
      return false;
  }
}
