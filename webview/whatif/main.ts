/**
 * The what-if webview: one input per feature, the prediction, and the SHAP bar chart the host
 * sends with each result. Edits are debounced (300 ms) and sent with increasing sequence
 * numbers; results for older sequence numbers are ignored. The host computes; this page draws.
 */
import embed, { type Result } from 'vega-embed';
import { expressionInterpreter } from 'vega-interpreter';
import { vscodeThemeConfig } from '../../src/core/charts/theme';
import { isWhatIfHostMessage, type WhatIfInitMessage, type WhatIfResultMessage, type WhatIfWebviewMessage } from '../../src/shared/whatifProtocol';
import { currentThemeKind, isLightBackground, observeTheme, readCssVars } from '../theme';

interface Api { postMessage(message: WhatIfWebviewMessage): void }
declare function acquireVsCodeApi(): Api;

const api = acquireVsCodeApi();
const DEBOUNCE_MS = 300;
let init: WhatIfInitMessage | undefined;
let last: WhatIfResultMessage | undefined;
let seq = 0;
let timer: ReturnType<typeof setTimeout> | undefined;
let view: Result | undefined;
const inputs: HTMLInputElement[] = [];

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (className) e.className = className;
  return e;
}

function main(): HTMLElement {
  return document.getElementById('ph-whatif')!;
}

function setStatus(text: string, error = false): void {
  const status = document.querySelector<HTMLElement>('.ph-whatif-status');
  if (!status) return;
  status.textContent = text;
  status.classList.toggle('ph-error', error);
}

function reportError(message: string): void {
  api.postMessage({ type: 'error', message: message.slice(0, 2000) });
}

/** Sends every feature's value after the user stops typing; invalid inputs hold the edit back. */
function scheduleEdit(): void {
  if (timer) clearTimeout(timer);
  timer = setTimeout(() => {
    if (!init) return;
    const values: Record<string, number> = {};
    for (const [j, input] of inputs.entries()) {
      const v = input.valueAsNumber;
      input.classList.toggle('ph-changed', v !== init.setup.original[j]);
      if (!Number.isFinite(v)) return setStatus(`"${init.setup.features[j]}" needs a number.`, true);
      values[init.setup.features[j]] = v;
    }
    seq += 1;
    api.postMessage({ type: 'edit', seq, values });
  }, DEBOUNCE_MS);
}

function renderInit(m: WhatIfInitMessage): void {
  init = m;
  inputs.length = 0;
  const { setup } = m;
  const left = el('section');
  left.append(el('h1', m.title), el('p', `Row ${setup.row} of ${setup.nRows}. Edit a value; the prediction and SHAP values update.`, 'ph-whatif-status'));
  const actions = el('div', undefined, 'ph-whatif-actions');
  const reset = el('button', 'Reset', 'ph-button');
  reset.addEventListener('click', () => api.postMessage({ type: 'reset' }));
  const copy = el('button', 'Copy as JSON', 'ph-button');
  copy.addEventListener('click', () => api.postMessage({ type: 'copy' }));
  actions.append(reset, copy);
  const form = el('div', undefined, 'ph-whatif-inputs');
  for (const [j, name] of setup.features.entries()) {
    const id = `ph-f-${j}`;
    const label = el('label', name);
    label.htmlFor = id;
    const input = el('input');
    input.id = id;
    input.type = 'number';
    input.step = 'any';
    input.required = true;
    input.value = String(m.values[j]);
    input.classList.toggle('ph-changed', m.values[j] !== setup.original[j]);
    input.addEventListener('input', scheduleEdit);
    inputs.push(input);
    form.append(label, input);
  }
  left.append(actions, form);
  const right = el('section');
  right.append(el('h2', 'Prediction'), el('div', undefined, 'ph-whatif-prediction'), el('div', undefined, 'ph-whatif-chart'));
  right.append(el('p', `Background: ${setup.background}; ${setup.budget} coalitions per update.`, 'ph-card-note'));
  main().replaceChildren(left, right);
  main().setAttribute('aria-busy', 'false');
}

function renderPrediction(m: WhatIfResultMessage): void {
  const box = document.querySelector<HTMLElement>('.ph-whatif-prediction');
  if (!box || !init) return;
  const table = el('table');
  const { outputNames, classIndex, task } = init.setup;
  for (const [k, name] of outputNames.entries()) {
    const tr = el('tr', undefined, k === classIndex ? 'ph-explained' : undefined);
    tr.append(el('td', task === 'regression' ? name : `P(${name})`), el('td', m.outcome.prediction[k].toPrecision(4)));
    table.append(tr);
  }
  box.replaceChildren(table);
}

async function drawChart(): Promise<void> {
  const target = document.querySelector<HTMLElement>('.ph-whatif-chart');
  if (!target || !last) return;
  const config = vscodeThemeConfig(currentThemeKind(), readCssVars());
  try {
    const result = await embed(target, last.spec as never, {
      ast: true,
      expr: expressionInterpreter,
      renderer: 'svg',
      actions: false,
      defaultStyle: false,
      tooltip: { theme: isLightBackground() ? 'light' : 'dark', disableDefaultStyle: true },
      config,
    });
    view?.finalize();
    view = result;
  } catch (err) {
    const message = `The SHAP chart could not be drawn: ${err instanceof Error ? err.message : String(err)}`;
    setStatus(message, true);
    reportError(message);
  }
}

function onResult(m: WhatIfResultMessage): void {
  // An older edit's result arriving late must not overwrite a newer one.
  if (last && m.seq < last.seq) return;
  last = m;
  renderPrediction(m);
  setStatus(`Updated in ${m.outcome.elapsedMs} ms.`);
  void drawChart();
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const m = event.data;
  if (!isWhatIfHostMessage(m)) return;
  if (m.type === 'init') {
    // A reset: the host's sequence moved on; continue after the result we hold.
    seq = Math.max(seq, last?.seq ?? 0) + 1;
    last = undefined;
    renderInit(m);
  } else if (m.type === 'result') onResult(m);
  else setStatus(m.text, m.error);
});
observeTheme(() => void drawChart());
api.postMessage({ type: 'ready' });
