/**
 * "Explain" buttons on the evaluation report's "Rows to inspect" table. Only in VS Code (the
 * host runs the explanation) and only for tabular results; an exported HTML file shows the plain
 * table. The host re-checks every row it is sent against the rows the report lists.
 */
import type { EvaluationResult } from '../src/core/evaluate/types';
import { ROWS_TO_INSPECT_SECTION_ID } from '../src/core/report/inspectRows';
import type { HostRequests } from './vscodeApi';

/** Words of the buttons and the status line. */
const text = {
  column: 'Explain',
  button: 'Explain',
  label: (row: number) => `Explain row ${row}`,
  title: (row: number) => `Explain data row ${row} with KernelSHAP; the explanation opens beside this report (CLI: posthoc explain --method kernel-shap --rows ${row})`,
  running: (row: number) => `Explaining row ${row}: see the progress notification.`,
  done: (row: number) => `Opened the explanation of row ${row} beside this report.`,
  failed: (row: number, why: string) => `Row ${row} was not explained: ${why}`,
};

/** The data rows a tabular result lists for inspection; none for image results or older results. */
function listedRows(result: EvaluationResult | undefined): Set<number> {
  if (!result || result.images || !result.rows_to_inspect) return new Set();
  return new Set(result.rows_to_inspect.rows.map((r) => r.row));
}

async function explain(button: HTMLButtonElement, row: number, host: HostRequests, setStatus: (s: string) => void): Promise<void> {
  // One explanation per click: the button stays disabled until the host answers.
  button.disabled = true;
  setStatus(text.running(row));
  try {
    const reply = await host.request((id) => ({ type: 'explainRow', id, row }));
    // The host's error says why (Restricted Mode, a missing file, a cancelled run).
    setStatus(reply.ok ? text.done(row) : text.failed(row, reply.error));
  } finally {
    button.disabled = false;
  }
}

/**
 * Adds an "Explain" column to the rows-to-inspect table of `root` (freshly rendered). The row
 * number is read from the table's first cell and must be one the result lists.
 */
export function addExplainButtons(root: HTMLElement, result: EvaluationResult | undefined, host: HostRequests | undefined, setStatus: (s: string) => void): void {
  const rows = listedRows(result);
  const table = root.querySelector<HTMLTableElement>(`#section-${ROWS_TO_INSPECT_SECTION_ID} table`);
  if (!host || rows.size === 0 || !table) return;
  const head = document.createElement('th');
  head.scope = 'col';
  head.textContent = text.column;
  table.tHead?.rows[0]?.append(head);
  for (const tr of Array.from(table.tBodies[0]?.rows ?? [])) {
    const cell = document.createElement('td');
    // Numbers carry their exact value in the title attribute (see tableHtml).
    const row = Number(tr.cells[0]?.getAttribute('title'));
    if (Number.isSafeInteger(row) && rows.has(row)) {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'ph-explain-row';
      button.dataset.explainRow = String(row);
      button.textContent = text.button;
      button.setAttribute('aria-label', text.label(row));
      button.title = text.title(row);
      button.addEventListener('click', () => void explain(button, row, host, setStatus).catch((err: unknown) => setStatus(text.failed(row, String(err)))));
      cell.append(button);
    }
    tr.append(cell);
  }
}
