/**
 * The saliency panel page. Receives the image and a grid of maps (method × target class) from
 * the host and draws them on canvases: the input image, then every map blended over it, with
 * controls for opacity, sign, clipping percentile and colour map. "Save PNG" sends the map's
 * canvas as a PNG data URL; the host saves it through a save dialog. Text goes in through
 * textContent only (file names and class names may hold anything).
 */
import { type SaliencyHostMessage, type SaliencyView, type SaliencyViewCell, type SaliencyWebviewMessage, isSaliencyHostMessage } from '../../src/shared/saliencyProtocol';
import { saliencyState, type SaliencyState } from '../../src/shared/saliencyState';
import { HostRequests } from '../vscodeApi';
import { DEFAULT_SETTINGS, OverlayControls, validSettings, type OverlaySettings } from './controls';
import { asFloat32, asUint8, canvasPng, cellSign, drawImage, drawOverlay } from './draw';

interface VsCodeApi {
  postMessage(message: SaliencyWebviewMessage): void;
  getState(): { settings?: unknown } | undefined;
  setState(state: SaliencyState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const api = acquireVsCodeApi();
const root = document.getElementById('ph-saliency') as HTMLElement;
let settings: OverlaySettings = validSettings(api.getState()?.settings ?? DEFAULT_SETTINGS);
let view: SaliencyView | undefined;
/** What `setState` keeps: the settings and, encoded once per view, the view (see saliencyState.ts). */
let saved: SaliencyState = { version: 1, settings };
const host = new HostRequests<SaliencyWebviewMessage, Extract<SaliencyHostMessage, { type: 'reply' }>>(api);

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (className) e.className = className;
  return e;
}

const fmt = (x: number) => (Math.abs(x) >= 1000 || (x !== 0 && Math.abs(x) < 0.001) ? x.toExponential(2) : x.toPrecision(3).replace(/\.?0+$/, ''));
const pct = (p: number | undefined) => (p === undefined ? '' : ` (p = ${(100 * p).toFixed(1)}%)`);

function setStatus(text: string): void {
  const s = document.getElementById('ph-sal-status');
  if (s) s.textContent = text;
}

function className(v: SaliencyView, k: number): string {
  return v.classes[k] ?? `class ${k}`;
}

/** The numbers beside a map: completeness gap (IG), deletion/insertion AUCs, randomisation check, time. */
function metrics(cell: SaliencyViewCell): HTMLElement {
  const list = el('ul', undefined, 'ph-sal-metrics');
  if (cell.completenessGap !== undefined) list.append(el('li', `Completeness gap ${fmt(cell.completenessGap)} (${fmt(100 * (cell.relativeGap ?? 0))}%)`));
  if (cell.deletionAuc !== undefined) list.append(el('li', `Deletion AUC ${fmt(cell.deletionAuc)} (lower is better)`));
  if (cell.insertionAuc !== undefined) list.append(el('li', `Insertion AUC ${fmt(cell.insertionAuc)} (higher is better)`));
  if (cell.sanity?.length) {
    const steps = cell.sanity.map((s) => `${fmt(s.spearman)} (${s.layers} layer${s.layers === 1 ? '' : 's'})`).join(', ');
    list.append(el('li', `Randomised model ρ ${steps} (near 0: the map follows the model)`, 'ph-sal-sanity'));
  }
  list.append(el('li', `${fmt(cell.ms / 1000)} s`));
  return list;
}

function safeName(s: string): string {
  return s.replace(/[^\w.+-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 100) || 'saliency';
}

async function savePng(canvas: HTMLCanvasElement, name: string): Promise<void> {
  const dataUrl = canvasPng(canvas);
  const r = await host.request((id) => ({ type: 'savePng', id, name: safeName(name), dataUrl }));
  setStatus(r.ok ? (r.value ? `Saved ${r.value}` : 'Not saved.') : r.error);
}

/** Builds the page for a view: header, controls, input image, then one row per target class. */
function build(v: SaliencyView): void {
  root.replaceChildren();
  root.setAttribute('aria-busy', 'false');
  const rgb = asUint8(v.rgb);
  const head = el('header', undefined, 'ph-sal-header');
  head.append(el('h1', `Saliency: ${v.image}`), el('p', `${v.model} · ${v.width}×${v.height} input · predicted ${className(v, v.top)}${pct(v.probabilities[v.top])}`, 'ph-sal-subtitle'));
  const controls = new OverlayControls(settings, (s) => {
    settings = s;
    saved = { ...saved, settings };
    api.setState(saved);
    redraw();
  });
  const input = el('figure', undefined, 'ph-sal-cell ph-sal-input');
  const inputCanvas = el('canvas');
  inputCanvas.setAttribute('role', 'img');
  inputCanvas.setAttribute('aria-label', `The input image, ${v.width}×${v.height}`);
  drawImage(inputCanvas, rgb, v.width, v.height);
  input.append(el('figcaption', 'Input'), inputCanvas);
  const grid = el('div', undefined, 'ph-sal-grid');
  const targets = [...new Set(v.cells.map((c) => c.target))];
  for (const target of targets) {
    const row = el('section', undefined, 'ph-sal-row');
    row.append(el('h2', `${className(v, target)}${pct(v.probabilities[target])}`));
    const cells = el('div', undefined, 'ph-sal-cells');
    for (const cell of v.cells.filter((c) => c.target === target)) {
      const fig = el('figure', undefined, 'ph-sal-cell');
      fig.append(el('figcaption', cell.method));
      if (cell.error) {
        fig.append(el('p', cell.error, 'ph-sal-error'));
      } else {
        const canvas = el('canvas', undefined, 'ph-sal-map');
        canvas.setAttribute('role', 'img');
        canvas.setAttribute('aria-label', `${cell.method} map for ${className(v, target)}`);
        canvas.dataset.cell = String(v.cells.indexOf(cell));
        const save = el('button', 'Save PNG');
        save.type = 'button';
        save.addEventListener('click', () => void savePng(canvas, `${cell.method}-${className(v, target)}`).catch((e: unknown) => setStatus(String(e))));
        fig.append(canvas, metrics(cell), save);
      }
      cells.append(fig);
    }
    row.append(cells);
    grid.append(row);
  }
  const status = el('p', '', 'ph-sal-status');
  status.id = 'ph-sal-status';
  status.setAttribute('role', 'status');
  root.append(head, controls.element, status, input, grid);
  redraw();
}

/** Redraws every map with the current settings and tells the host what it drew. */
function redraw(): void {
  if (!view) return;
  const rgb = asUint8(view.rgb);
  let maps = 0;
  let coloured = 0;
  for (const canvas of Array.from(root.querySelectorAll<HTMLCanvasElement>('canvas.ph-sal-map'))) {
    const cell = view.cells[Number(canvas.dataset.cell)];
    if (!cell) continue;
    maps++;
    if (drawOverlay(canvas, rgb, asFloat32(cell.heatmap), view.width, view.height, cellSign(cell, settings), settings)) coloured++;
  }
  const sign = settings.sign === 'auto' ? (view.cells.find((c) => !c.error)?.sign ?? 'positive') : settings.sign;
  api.postMessage({ type: 'rendered', maps, coloured, sign, clip: settings.clip, colormap: settings.colormap });
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const m = event.data;
  if (!isSaliencyHostMessage(m)) return;
  if (m.type === 'reply') {
    host.settle(m);
    return;
  }
  try {
    view = { ...m.view, rgb: asUint8(m.view.rgb), cells: m.view.cells.map((c) => ({ ...c, heatmap: asFloat32(c.heatmap) })) };
    // Kept so a window reload can rebuild the panel: the host reads this state back.
    saved = saliencyState(view, settings);
    api.setState(saved);
    build(view);
  } catch (e) {
    api.postMessage({ type: 'error', message: String(e instanceof Error ? e.message : e).slice(0, 2000) });
  }
});
api.postMessage({ type: 'ready' });
