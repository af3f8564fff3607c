/**
 * The model card page. Receives a finished {@link ModelCard} from the host and draws it with
 * DOM calls only (every value goes through textContent, never innerHTML: metadata strings come
 * from the model file and may hold anything).
 */
import type { ModelCard, TensorSpec } from '../../src/core/evaluate/types';
import { isCardHostMessage, type CardHostMessage, type CardWebviewMessage } from '../../src/host/modelCardProtocol';
import { messages } from '../../src/host/messages';

const ui = messages.modelCard;

interface VsCodeApi {
  postMessage(message: CardWebviewMessage): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const api = acquireVsCodeApi();
const root = document.getElementById('ph-card') as HTMLElement;

/** Creates an element with optional class and text. */
function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (className) e.className = className;
  return e;
}

function section(title: string, ...children: Node[]): HTMLElement {
  const s = el('section', undefined, 'ph-card-section');
  s.append(el('h2', title), ...children);
  return s;
}

function table(head: string[], rows: string[][]): HTMLTableElement {
  const t = el('table', undefined, 'ph-card-table');
  const tr = el('tr');
  for (const h of head) tr.append(el('th', h));
  t.createTHead().append(tr);
  const body = t.createTBody();
  for (const row of rows) {
    const r = el('tr');
    for (const cell of row) r.append(el('td', cell));
    body.append(r);
  }
  return t;
}

function shape(t: TensorSpec): string {
  return t.shape.length === 0 ? '—' : `[${t.shape.map((d) => (d === null ? '?' : String(d))).join(', ')}]`;
}

function bytes(n: number): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) {
    n /= 1024;
    i++;
  }
  return `${i === 0 ? n : n.toFixed(1)} ${units[i]}`;
}

/** The operator histogram: one bar per operator type, widest first. */
function histogram(ops: Record<string, number>): HTMLElement {
  const entries = Object.entries(ops).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const max = Math.max(1, ...entries.map(([, n]) => n));
  const list = el('div', undefined, 'ph-hist');
  for (const [op, n] of entries) {
    const row = el('div', undefined, 'ph-hist-row');
    const bar = el('span', undefined, 'ph-hist-bar');
    bar.style.width = `${Math.max(2, (n / max) * 100)}%`; // CSSOM, allowed under the CSP
    const track = el('span', undefined, 'ph-hist-track');
    track.append(bar);
    row.append(el('span', op, 'ph-hist-op'), track, el('span', String(n), 'ph-hist-n'));
    list.append(row);
  }
  return list;
}

function renderCard(card: ModelCard, trusted: boolean): void {
  root.replaceChildren();
  const header = el('header', undefined, 'ph-card-header');
  header.append(el('h1', card.file_name), el('p', card.path, 'ph-card-path'));
  const actions = el('div', undefined, 'ph-card-actions');
  const evaluate = el('button', ui.evaluate, 'ph-button');
  evaluate.addEventListener('click', () => api.postMessage({ type: 'evaluate' }));
  const explain = el('button', ui.explain, 'ph-button');
  explain.addEventListener('click', () => api.postMessage({ type: 'explain' }));
  // Deployment: each command refuses in Restricted Mode itself, like evaluate.
  const deploy = (['serve', 'optimize', 'benchmark'] as const).map((type) => {
    const b = el('button', ui[type], 'ph-button');
    b.addEventListener('click', () => api.postMessage({ type }));
    return b;
  });
  actions.append(evaluate, explain, ...deploy);
  if (!trusted) actions.append(el('p', ui.trustNeeded, 'ph-card-note'));
  header.append(actions);

  const producer = [card.producer, card.producer_version].filter(Boolean).join(' ') || '—';
  const facts: [string, string][] = [
    [ui.facts.size, bytes(card.size_bytes)],
    [ui.facts.parameters, card.parameter_count.toLocaleString('en-US')],
    [ui.facts.producer, producer],
    [ui.facts.irVersion, String(card.ir_version)],
    [ui.facts.opsets, card.opsets.map((o) => `${o.domain} v${o.version}`).join(', ') || '—'],
  ];
  if (card.class_labels) facts.push([ui.facts.classLabels, card.class_labels.join(', ')]);
  const dl = el('dl', undefined, 'ph-card-facts');
  for (const [k, v] of facts) dl.append(el('dt', k), el('dd', v));

  const tensors = (list: TensorSpec[]) => table([...ui.tensorColumns], list.map((t) => [t.name, t.type, shape(t)]));
  root.append(header, section(ui.overview, dl), section(ui.inputs, tensors(card.inputs)), section(ui.outputs, tensors(card.outputs)));
  const meta = Object.entries(card.metadata);
  if (meta.length > 0) root.append(section(ui.metadata, table([...ui.metadataColumns], meta)));
  root.append(section(ui.operators(Object.values(card.operators).reduce((a, b) => a + b, 0)), histogram(card.operators)));
  root.setAttribute('aria-busy', 'false');
  const summary = `${card.file_name}: inputs ${card.inputs.map((t) => t.name).join(', ')}; outputs ${card.outputs.map((t) => t.name).join(', ')}; operators ${Object.keys(card.operators).join(', ')}`;
  api.postMessage({ type: 'rendered', state: 'card', summary: summary.slice(0, 2000) });
}

function renderError(fileName: string, message: string): void {
  root.replaceChildren();
  const box = el('div', undefined, 'ph-card-error');
  box.setAttribute('role', 'alert');
  box.append(el('h1', ui.cannotRead(fileName)), el('p', message), el('p', ui.errorHint, 'ph-card-note'));
  root.append(box);
  root.setAttribute('aria-busy', 'false');
  api.postMessage({ type: 'rendered', state: 'error', summary: message.slice(0, 2000) });
}

function onMessage(m: CardHostMessage): void {
  switch (m.type) {
    case 'loading': {
      const p = root.querySelector('.ph-card-loading');
      if (p) p.textContent = ui.reading(m.fileName, bytes(m.sizeBytes));
      return;
    }
    case 'card':
      return renderCard(m.card, m.trusted);
    case 'error':
      return renderError(m.fileName, m.message);
    case 'trust':
      if (m.trusted) root.querySelector('.ph-card-note')?.remove();
      return;
  }
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  if (isCardHostMessage(event.data)) onMessage(event.data);
});
api.postMessage({ type: 'ready' });
