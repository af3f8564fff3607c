/**
 * The saliency panel's controls: heatmap opacity, sign, clipping percentile and colour map,
 * with a colour bar of the map in use. Every change redraws at once (drawing is local: the
 * host is not asked for anything).
 */
import { COLOR_MAPS, colorBar, type ColorMapName } from '../../src/core/saliency/heatmap';
import { DEFAULT_SETTINGS, type OverlaySettings } from '../../src/shared/saliencyState';

// The settings' shape lives with the saved state (the host checks it after a reload).
export { DEFAULT_SETTINGS, type OverlaySettings };

const SIGN_LABELS: [OverlaySettings['sign'], string][] = [
  ['auto', 'Auto (per map)'], ['positive', 'Positive'], ['negative', 'Negative'], ['absolute', 'Absolute'], ['all', 'Signed (diverging)'],
];

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

/** Checks settings restored from the webview state; anything odd falls back to the default. */
export function validSettings(x: unknown): OverlaySettings {
  const s = (typeof x === 'object' && x !== null ? x : {}) as Partial<OverlaySettings>;
  const num = (v: unknown, lo: number, hi: number, d: number) => (typeof v === 'number' && v >= lo && v <= hi ? v : d);
  return {
    opacity: num(s.opacity, 0, 1, DEFAULT_SETTINGS.opacity),
    sign: SIGN_LABELS.some(([v]) => v === s.sign) ? s.sign! : DEFAULT_SETTINGS.sign,
    clip: num(s.clip, 50, 100, DEFAULT_SETTINGS.clip),
    colormap: (COLOR_MAPS as readonly string[]).includes(s.colormap ?? '') ? s.colormap! : DEFAULT_SETTINGS.colormap,
  };
}

/** The controls bar; calls `onChange` with the new settings on every change. */
export class OverlayControls {
  readonly element: HTMLElement;
  private readonly opacity = el('input', { type: 'range', min: '0', max: '1', step: '0.05', id: 'ph-sal-opacity' });
  private readonly opacityValue = el('output');
  private readonly sign = el('select', { id: 'ph-sal-sign' });
  private readonly clip = el('input', { type: 'number', min: '50', max: '100', step: '0.5', id: 'ph-sal-clip' });
  private readonly colormap = el('select', { id: 'ph-sal-colormap' });
  private readonly bar = el('canvas', { width: 128, height: 1, className: 'ph-sal-bar' });

  constructor(private settings: OverlaySettings, private readonly onChange: (s: OverlaySettings) => void) {
    for (const [value, label] of SIGN_LABELS) this.sign.append(el('option', { value, textContent: label }));
    for (const name of COLOR_MAPS) this.colormap.append(el('option', { value: name, textContent: name[0].toUpperCase() + name.slice(1) }));
    this.opacity.addEventListener('input', () => this.emit({ opacity: Number(this.opacity.value) }));
    this.sign.addEventListener('change', () => this.emit({ sign: this.sign.value as OverlaySettings['sign'] }));
    this.clip.addEventListener('change', () => {
      const v = Number(this.clip.value);
      // Out-of-range input snaps back rather than drawing nonsense.
      this.emit({ clip: Number.isFinite(v) ? Math.min(100, Math.max(50, v)) : DEFAULT_SETTINGS.clip });
    });
    this.colormap.addEventListener('change', () => this.emit({ colormap: this.colormap.value as ColorMapName }));
    const label = (text: string, control: HTMLElement, ...more: Node[]) => el('label', { className: 'ph-sal-control' }, el('span', { textContent: text }), control, ...more);
    this.element = el('div', { className: 'ph-sal-controls' },
      label('Heatmap opacity', this.opacity, this.opacityValue),
      label('Sign', this.sign),
      label('Clip at percentile', this.clip),
      label('Colour map', this.colormap, this.bar),
    );
    this.element.setAttribute('role', 'group');
    this.element.setAttribute('aria-label', 'Overlay options');
    this.sync();
  }

  private emit(change: Partial<OverlaySettings>): void {
    this.settings = { ...this.settings, ...change };
    this.sync();
    this.onChange(this.settings);
  }

  /** Puts the settings into the controls and redraws the colour bar. */
  private sync(): void {
    this.opacity.value = String(this.settings.opacity);
    this.opacityValue.value = this.settings.opacity.toFixed(2);
    this.sign.value = this.settings.sign;
    this.clip.value = String(this.settings.clip);
    this.colormap.value = this.settings.colormap;
    const ctx = this.bar.getContext('2d');
    const sign = this.settings.sign === 'auto' ? 'positive' : this.settings.sign;
    ctx?.putImageData(new ImageData(colorBar(this.bar.width, sign, this.settings.colormap), this.bar.width, 1), 0, 0);
    this.bar.title = sign === 'all' ? 'Blue: negative, white: zero, red: positive (signed maps use this bar)' : `${this.settings.colormap}: low to high`;
  }
}
