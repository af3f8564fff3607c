/**
 * What the saliency page keeps with `setState` so a window reload can rebuild the panel: the
 * settings and the view. VS Code stores webview state as JSON, where a typed array would turn
 * into an object with one key per element; so the image and the maps are kept as base64 of
 * their bytes (Float32 little-endian for maps). Pure and free of `vscode` and Node imports: the
 * webview encodes the state with it, and the host (src/host/saliency/saliencyState.ts) checks
 * and decodes what comes back, against the same types and limits.
 */
import type { ColorMapName, HeatSign } from '../core/saliency/heatmap';
import { bytesBase64, float32ToBytes } from './base64';
import type { SaliencyView, SaliencyViewCell } from './saliencyProtocol';

/** The page's controls; `sign: 'auto'` lets each map use the sign it reads best with. */
export interface OverlaySettings {
  opacity: number;
  sign: HeatSign | 'auto';
  clip: number;
  colormap: ColorMapName;
}

/** The controls as a new panel opens. */
export const DEFAULT_SETTINGS: OverlaySettings = { opacity: 0.6, sign: 'auto', clip: 98, colormap: 'inferno' };

/** A map as saved: `heatmap` is base64 of H × W Float32 values, little-endian. */
export type SavedSaliencyCell = Omit<SaliencyViewCell, 'heatmap'> & { heatmap: string };

/** The view as saved: `rgb` is base64 of H × W × 3 bytes. */
export type SavedSaliencyView = Omit<SaliencyView, 'rgb' | 'cells'> & { rgb: string; cells: SavedSaliencyCell[] };

/** The webview state. `view` is left out when the maps are over {@link SALIENCY_STATE_LIMITS}.maxBytes. */
export interface SaliencyState {
  version: 1;
  settings: OverlaySettings;
  view?: SavedSaliencyView;
}

/** Bounds on a saved state; the byte budget keeps VS Code's stored editor state small. */
export const SALIENCY_STATE_LIMITS = { maxBytes: 8 * 1024 * 1024, maxSide: 4096, maxCells: 256, maxClasses: 100_000, maxTextChars: 1000, maxErrorChars: 2000, maxSanityLayers: 8 } as const;

/** Encodes a view and the settings for `setState`; the view is dropped when it is over the byte budget. */
export function saliencyState(view: SaliencyView, settings: OverlaySettings): SaliencyState {
  const bytes = view.rgb.byteLength + view.cells.reduce((n, c) => n + c.heatmap.byteLength, 0);
  if (bytes > SALIENCY_STATE_LIMITS.maxBytes) return { version: 1, settings };
  const { rgb, cells, ...rest } = view;
  return {
    version: 1,
    settings,
    view: { ...rest, rgb: bytesBase64(rgb), cells: cells.map(({ heatmap, ...c }) => ({ ...omitNonFinite(c), heatmap: bytesBase64(float32ToBytes(heatmap)) })) },
  };
}

/** JSON has no NaN or Infinity (they become null); such optional metrics are not kept. */
function omitNonFinite<T extends object>(c: T): T {
  return Object.fromEntries(Object.entries(c).filter(([, v]) => typeof v !== 'number' || Number.isFinite(v))) as T;
}
