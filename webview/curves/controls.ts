/**
 * The curves panel's controls: run and tag check lists, the smoothing slider, the log-scale
 * toggle and the x-axis choice. Built once; lists are refreshed in place as runs and tags
 * appear, keeping what the user unticked. Calls `onChange` with the new view (the slider is
 * debounced, since every change makes the host re-smooth every series).
 */
import type { CurvesViewState } from '../../src/shared/protocol';

/** Slider moves settle for this long before the host is asked to rebuild. */
const SLIDER_DEBOUNCE_MS = 200;

type RunItem = { key: string; label: string };

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

/** The controls bar; see the module comment. */
export class CurvesControls {
  readonly element: HTMLElement;
  private view: CurvesViewState;
  private readonly runList = el('div', { className: 'ph-curves-list' });
  private readonly tagList = el('div', { className: 'ph-curves-list' });
  private readonly slider = el('input', { type: 'range', min: '0', max: '0.99', step: '0.01', id: 'ph-curves-smoothing' });
  private readonly sliderValue = el('output');
  private readonly logY = el('input', { type: 'checkbox' });
  private readonly xWall = el('input', { type: 'radio', name: 'ph-curves-x', value: 'wall' });
  private readonly xStep = el('input', { type: 'radio', name: 'ph-curves-x', value: 'step' });
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(initial: CurvesViewState, private readonly onChange: (view: CurvesViewState) => void) {
    this.view = structuredClone(initial);
    this.slider.setAttribute('aria-label', 'Smoothing weight');
    this.sliderValue.setAttribute('for', 'ph-curves-smoothing');
    this.slider.addEventListener('input', () => {
      this.sliderValue.value = Number(this.slider.value).toFixed(2);
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.emit({ smoothing: Number(this.slider.value) }), SLIDER_DEBOUNCE_MS);
    });
    this.logY.addEventListener('change', () => this.emit({ logY: this.logY.checked }));
    for (const radio of [this.xStep, this.xWall]) radio.addEventListener('change', () => this.emit({ x: radio.value === 'wall' ? 'wall' : 'step' }));
    const listBox = (title: string, list: HTMLElement, kind: 'hiddenRuns' | 'hiddenTags') => {
      const all = el('button', { type: 'button', textContent: 'All' });
      const none = el('button', { type: 'button', textContent: 'None' });
      all.addEventListener('click', () => this.emit({ [kind]: [] }));
      none.addEventListener('click', () => this.emit({ [kind]: Array.from(list.querySelectorAll<HTMLInputElement>('input')).map((i) => i.value) }));
      return el('fieldset', {}, el('legend', { textContent: title }), list, el('div', { className: 'ph-curves-list-actions' }, all, none));
    };
    this.element = el('div', { className: 'ph-curves-controls', role: 'group' } as Partial<HTMLDivElement>,
      listBox('Runs', this.runList, 'hiddenRuns'),
      listBox('Tags', this.tagList, 'hiddenTags'),
      el('fieldset', { className: 'ph-curves-smoothing' }, el('legend', { textContent: 'Smoothing' }), el('label', {}, this.slider, this.sliderValue)),
      el('fieldset', {}, el('legend', { textContent: 'Axes' }),
        el('label', {}, this.xStep, 'Step'), el('label', {}, this.xWall, 'Relative wall time'), el('label', {}, this.logY, 'Log-scale y')),
    );
    this.element.setAttribute('aria-label', 'Chart options');
    this.sync();
  }

  /** Shows the host's lists and view (the host echoes the view its report was built for). */
  update(runs: RunItem[], tags: string[], view: CurvesViewState): void {
    // A slider still being dragged keeps its position; the rest follows the host.
    const dragging = this.timer !== undefined;
    this.view = { ...structuredClone(view), ...(dragging ? { smoothing: this.view.smoothing } : {}) };
    this.fillList(this.runList, runs, 'hiddenRuns');
    this.fillList(this.tagList, tags.map((t) => ({ key: t, label: t })), 'hiddenTags');
    this.sync(dragging);
  }

  private fillList(list: HTMLElement, items: RunItem[], kind: 'hiddenRuns' | 'hiddenTags'): void {
    const hidden = new Set(this.view[kind]);
    const same = list.childElementCount === items.length && items.every((it, i) => (list.children[i] as HTMLElement).dataset.key === it.key);
    if (!same) {
      list.replaceChildren(...items.map((it) => {
        const box = el('input', { type: 'checkbox', value: it.key });
        box.addEventListener('change', () => {
          const set = new Set(this.view[kind]);
          if (box.checked) set.delete(it.key);
          else set.add(it.key);
          this.emit({ [kind]: [...set] });
        });
        const label = el('label', { title: it.key }, box, it.label);
        label.dataset.key = it.key;
        return label;
      }));
    }
    for (const box of Array.from(list.querySelectorAll<HTMLInputElement>('input'))) box.checked = !hidden.has(box.value);
  }

  private sync(keepSlider = false): void {
    if (!keepSlider) {
      this.slider.value = String(this.view.smoothing);
      this.sliderValue.value = this.view.smoothing.toFixed(2);
    }
    this.logY.checked = this.view.logY;
    this.xStep.checked = this.view.x === 'step';
    this.xWall.checked = this.view.x === 'wall';
  }

  private emit(change: Partial<CurvesViewState>): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.view = { ...this.view, ...change };
    this.sync(true);
    for (const kind of ['hiddenRuns', 'hiddenTags'] as const) {
      const hidden = new Set(this.view[kind]);
      for (const box of Array.from((kind === 'hiddenRuns' ? this.runList : this.tagList).querySelectorAll<HTMLInputElement>('input'))) box.checked = !hidden.has(box.value);
    }
    this.onChange(structuredClone(this.view));
  }
}
