/**
 * Messages between the saliency panel (host) and its webview (webview/saliency/), and the
 * report gallery's "Explain this image" message. Free of `vscode` imports so the webview
 * bundles can import it. Messages from a webview are untrusted: the host passes them through
 * the validators here first. Maps and the image travel as typed arrays, not number lists.
 */
import type { HeatSign, ColorMapName } from '../core/saliency/heatmap';
import type { SaliencyMethod } from '../core/saliency/types';
import { hasExactKeys, isBoundedString, isCount, isReadyOrError, isRecord, isReplyShape, isRequestId, PNG_DATA_URL } from './validate';

/** The saliency panel's webview view type (the serializer and the activation event use it). */
export const SALIENCY_VIEW_TYPE = 'posthoc.saliency';

/** One map as the panel draws it. */
export interface SaliencyViewCell {
  method: SaliencyMethod;
  target: number;
  /** H × W values; empty when `error` is set. */
  heatmap: Float32Array;
  /** The sign the map reads best with (positive for non-negative maps). */
  sign: HeatSign;
  completenessGap?: number;
  relativeGap?: number;
  deletionAuc?: number;
  insertionAuc?: number;
  /** Model-randomisation check: Spearman ρ with the map of the model whose last `layers` layers were re-drawn. */
  sanity?: { layers: number; spearman: number }[];
  ms: number;
  error?: string;
}

/** Everything the panel shows: the image, the prediction and the grid of maps. */
export interface SaliencyView {
  model: string;
  image: string;
  width: number;
  height: number;
  /** H × W × 3 bytes. */
  rgb: Uint8Array;
  /** Label of each class index (names when known, else "class k"). */
  classes: string[];
  probabilities: number[];
  top: number;
  cells: SaliencyViewCell[];
}

/** Host → saliency webview. */
export type SaliencyHostMessage =
  | { type: 'saliency'; view: SaliencyView }
  | { type: 'reply'; id: number; ok: true; value: string | null }
  | { type: 'reply'; id: number; ok: false; error: string };

/** What the page drew, for diagnostics and the e2e tests. */
export interface SaliencyRendered {
  type: 'rendered';
  /** Map canvases drawn, and how many of them differ from the plain image (a heatmap shows). */
  maps: number;
  coloured: number;
  sign: HeatSign;
  clip: number;
  colormap: ColorMapName;
}

/** Saliency webview → host. */
export type SaliencyWebviewMessage =
  | { type: 'ready' }
  | SaliencyRendered
  | { type: 'savePng'; id: number; name: string; dataUrl: string }
  | { type: 'error'; message: string };

/** Report webview → host: explain gallery image number `index` (in {@link galleryImageNames} order). */
export interface ExplainImageMessage {
  type: 'explainImage';
  index: number;
}

/** Bounds on what a webview may send. */
export const SALIENCY_LIMITS = { maxPngChars: 32 * 1024 * 1024, maxNameChars: 120, maxMessageChars: 2000, maxMaps: 10_000, maxGalleryIndex: 100_000 } as const;

const NAME = /^[\w.+-]+$/;
const SIGNS: readonly string[] = ['positive', 'negative', 'absolute', 'all'];
const MAPS: readonly string[] = ['inferno', 'viridis', 'cividis'];

/** Validates a message from the saliency webview: known type, exact keys, bounded values. */
export function isSaliencyWebviewMessage(x: unknown): x is SaliencyWebviewMessage {
  if (!isRecord(x)) return false;
  switch (x.type) {
    case 'ready':
    case 'error':
      return isReadyOrError(x, SALIENCY_LIMITS.maxMessageChars);
    case 'rendered':
      return hasExactKeys(x, ['type', 'maps', 'coloured', 'sign', 'clip', 'colormap']) && isCount(x.maps, SALIENCY_LIMITS.maxMaps) && isCount(x.coloured, SALIENCY_LIMITS.maxMaps)
        && typeof x.sign === 'string' && SIGNS.includes(x.sign) && typeof x.clip === 'number' && x.clip >= 50 && x.clip <= 100
        && typeof x.colormap === 'string' && MAPS.includes(x.colormap);
    case 'savePng':
      return hasExactKeys(x, ['type', 'id', 'name', 'dataUrl']) && isRequestId(x.id)
        && isBoundedString(x.name, SALIENCY_LIMITS.maxNameChars, 1) && NAME.test(x.name)
        && isBoundedString(x.dataUrl, SALIENCY_LIMITS.maxPngChars) && PNG_DATA_URL.test(x.dataUrl);
    default:
      return false;
  }
}

/** Validates the report webview's "Explain this image" request: an index, nothing else. */
export function isExplainImageMessage(x: unknown): x is ExplainImageMessage {
  return isRecord(x) && x.type === 'explainImage' && hasExactKeys(x, ['type', 'index']) && isCount(x.index, SALIENCY_LIMITS.maxGalleryIndex);
}

/** Checks the shape the page relies on (the host is trusted: a sanity check, not a defence). */
export function isSaliencyHostMessage(x: unknown): x is SaliencyHostMessage {
  if (!isRecord(x)) return false;
  if (x.type === 'reply') return isReplyShape(x);
  if (x.type !== 'saliency' || !isRecord(x.view)) return false;
  const v = x.view;
  return typeof v.width === 'number' && typeof v.height === 'number' && Array.isArray(v.cells) && Array.isArray(v.classes) && typeof v.rgb === 'object' && v.rgb !== null;
}
