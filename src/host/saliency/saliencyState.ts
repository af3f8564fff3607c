/**
 * The host's check of the saliency page's saved state (the state itself, its encoder and limits
 * are in src/shared/saliencyState.ts, which the webview imports too). The host reads the state
 * back as untrusted input: exact keys, bounded sizes, and every array exactly as long as its
 * declared dims.
 */
import { COLOR_MAPS, HEAT_SIGNS, type ColorMapName } from '../../core/saliency/heatmap';
import { SALIENCY_METHODS } from '../../core/saliency/types';
import { isRecord, type Rec } from '../../shared/validate';
import { base64Bytes, float32FromBytes } from './stateBytes';
import type { SaliencyView, SaliencyViewCell } from '../../shared/saliencyProtocol';
import { SALIENCY_STATE_LIMITS, type OverlaySettings } from '../../shared/saliencyState';

// The panel imports the state's encoder from here, beside the check of what comes back.
export { DEFAULT_SETTINGS, saliencyState, type SaliencyState } from '../../shared/saliencyState';

/** A checked state: the view decoded back to typed arrays. */
export interface RestoredSaliencyState {
  view: SaliencyView;
  settings: OverlaySettings;
}

/** Checks a saved state (untrusted) and decodes it; the failure says which part is wrong. */
export function readSaliencyState(x: unknown): { ok: true; state: RestoredSaliencyState } | { ok: false; reason: string } {
  try {
    return { ok: true, state: read(x) };
  } catch (e) {
    if (e instanceof StateError) return { ok: false, reason: e.message };
    throw e;
  }
}

class StateError extends Error {}

function check(ok: boolean, what: string): asserts ok {
  if (!ok) throw new StateError(what);
}

/** Exactly the `required` keys, plus any of `optional`. */
function checkKeys(x: Rec, required: readonly string[], optional: readonly string[], where: string): void {
  for (const k of required) check(Object.prototype.hasOwnProperty.call(x, k), `${where}: '${k}' is missing`);
  for (const k of Object.keys(x)) check(required.includes(k) || optional.includes(k), `${where}: unexpected field '${k}'`);
}

const isText = (x: unknown, max: number): x is string => typeof x === 'string' && x.length <= max;
const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const isIndex = (x: unknown, n: number): x is number => typeof x === 'number' && Number.isSafeInteger(x) && x >= 0 && x < n;

function readSettings(x: unknown): OverlaySettings {
  check(isRecord(x), 'settings: not an object');
  checkKeys(x, ['opacity', 'sign', 'clip', 'colormap'], [], 'settings');
  check(isNum(x.opacity) && x.opacity >= 0 && x.opacity <= 1, 'settings: opacity is not in [0, 1]');
  check(typeof x.sign === 'string' && (x.sign === 'auto' || (HEAT_SIGNS as readonly string[]).includes(x.sign)), 'settings: unknown sign');
  check(isNum(x.clip) && x.clip >= 50 && x.clip <= 100, 'settings: clip is not in [50, 100]');
  check(typeof x.colormap === 'string' && (COLOR_MAPS as readonly string[]).includes(x.colormap), 'settings: unknown colour map');
  return { opacity: x.opacity, sign: x.sign as OverlaySettings['sign'], clip: x.clip, colormap: x.colormap as ColorMapName };
}

const CELL_OPTIONAL = ['completenessGap', 'relativeGap', 'deletionAuc', 'insertionAuc', 'error', 'sanity'] as const;
/** A randomisation check as saved: k = 1, 2, … layers, each with a ρ in [−1, 1]. */
function isSanity(x: unknown): boolean {
  return Array.isArray(x) && x.length <= SALIENCY_STATE_LIMITS.maxSanityLayers && x.every((s, i) => {
    if (!isRecord(s) || Object.keys(s).length !== 2) return false;
    return s.layers === i + 1 && isNum(s.spearman) && Math.abs(s.spearman) <= 1 + 1e-9;
  });
}

function readCell(x: unknown, i: number, pixels: number, classes: number): SaliencyViewCell {
  const where = `map ${i}`;
  check(isRecord(x), `${where}: not an object`);
  checkKeys(x, ['method', 'target', 'heatmap', 'sign', 'ms'], CELL_OPTIONAL, where);
  check(typeof x.method === 'string' && (SALIENCY_METHODS as readonly string[]).includes(x.method), `${where}: unknown method`);
  check(isIndex(x.target, classes), `${where}: target is not a class index`);
  check(typeof x.sign === 'string' && (HEAT_SIGNS as readonly string[]).includes(x.sign), `${where}: unknown sign`);
  check(isNum(x.ms) && x.ms >= 0, `${where}: ms is not a duration`);
  for (const k of CELL_OPTIONAL.slice(0, 4)) check(x[k] === undefined || isNum(x[k]), `${where}: ${k} is not a number`);
  check(x.error === undefined || isText(x.error, SALIENCY_STATE_LIMITS.maxErrorChars), `${where}: error is not a short text`);
  check(x.sanity === undefined || isSanity(x.sanity), `${where}: sanity is not a list of (layers 1, 2, …; Spearman ρ in [−1, 1])`);
  // A failed map has no values; every other one has exactly H × W of them.
  const floats = x.error === undefined ? pixels : 0;
  const bytes = base64Bytes(x.heatmap, floats * 4);
  check(bytes !== undefined, `${where}: heatmap is not base64 of ${floats} Float32 values (the image is ${pixels} pixels)`);
  const { heatmap: _h, ...rest } = x;
  return { ...(rest as Omit<SaliencyViewCell, 'heatmap'>), heatmap: float32FromBytes(bytes) };
}

function readView(x: unknown): SaliencyView {
  check(isRecord(x), 'view: not an object');
  checkKeys(x, ['model', 'image', 'width', 'height', 'rgb', 'classes', 'probabilities', 'top', 'cells'], [], 'view');
  const L = SALIENCY_STATE_LIMITS;
  check(isText(x.model, L.maxTextChars) && isText(x.image, L.maxTextChars), 'view: model and image must be short texts');
  check(isIndex(x.width, L.maxSide + 1) && x.width > 0 && isIndex(x.height, L.maxSide + 1) && x.height > 0, `view: width and height must be whole numbers in 1…${L.maxSide}`);
  const pixels = x.width * x.height;
  check(Array.isArray(x.classes) && x.classes.length >= 1 && x.classes.length <= L.maxClasses && x.classes.every((c) => isText(c, L.maxTextChars)), 'view: classes must be a list of short texts');
  const classes = x.classes as string[];
  check(Array.isArray(x.probabilities) && x.probabilities.length === classes.length && x.probabilities.every(isNum), `view: probabilities must be ${classes.length} numbers, one per class`);
  check(isIndex(x.top, classes.length), 'view: top is not a class index');
  check(Array.isArray(x.cells) && x.cells.length <= L.maxCells, `view: cells must be a list of at most ${L.maxCells}`);
  const maps = (x.cells as unknown[]).filter((c) => isRecord(c) && c.error === undefined).length;
  check(3 * pixels + 4 * pixels * maps <= L.maxBytes, `view: over the ${L.maxBytes}-byte budget`);
  const rgb = base64Bytes(x.rgb, 3 * pixels);
  check(rgb !== undefined, `view: rgb is not base64 of ${x.width}×${x.height}×3 bytes`);
  const cells = (x.cells as unknown[]).map((c, i) => readCell(c, i, pixels, classes.length));
  return { model: x.model, image: x.image, width: x.width, height: x.height, rgb, classes, probabilities: x.probabilities as number[], top: x.top, cells };
}

function read(x: unknown): RestoredSaliencyState {
  check(isRecord(x), 'the state is not an object');
  checkKeys(x, ['version', 'settings'], ['view'], 'state');
  check(x.version === 1, `state: unknown version ${JSON.stringify(x.version)}`);
  const settings = readSettings(x.settings);
  check(x.view !== undefined, 'the maps were over the size kept across a reload');
  return { view: readView(x.view), settings };
}
