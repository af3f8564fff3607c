import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RunFileProblem, RunFileRange } from '../core/runfile/types';
import { messages } from './messages';
import { tuneMessages } from './tune/tuneMessages';

/** The file name the lenses and diagnostics apply to. */
const RUN_FILE = 'posthoc.json';
const SELECTOR: vscode.DocumentSelector = [{ pattern: `**/${RUN_FILE}` }];

function isRunFile(document: vscode.TextDocument): boolean {
  return path.basename(document.uri.path) === RUN_FILE;
}

function toRange(r: RunFileRange): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

/** The explain lens's texts (kept here: the shared message table belongs to the evaluate lens). */
const EXPLAIN_LENS = '$(play) Explain';
const explainLensTooltip = (name: string): string => `Run "${name}": explain the model and write its reports`;

// The run file parser is small but not needed at activation: load it on the first posthoc.json.
const runfile = () => import('../core/runfile/index');

/**
 * "▶ Evaluate" (or "▶ Tune", "▶ Explain", by kind) above each run of a posthoc.json, plus its problems as diagnostics. Lenses come
 * from `findRunRanges`, which tolerates broken JSON, so a half-typed file still gets them; the
 * full check runs when a lens is clicked and feeds the Problems panel as the user types.
 */
export class RunFileLens implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  /** Registers the provider and keeps the diagnostics of open run files current. */
  static register(): vscode.Disposable {
    const provider = new RunFileLens();
    const diagnostics = vscode.languages.createDiagnosticCollection('posthoc');
    const timers = new Map<string, ReturnType<typeof setTimeout>>();
    const check = (document: vscode.TextDocument, delay: number) => {
      if (!isRunFile(document)) return;
      const key = document.uri.toString();
      clearTimeout(timers.get(key));
      // Typing fires a change per key: check once the user pauses.
      timers.set(key, setTimeout(() => void updateDiagnostics(document, diagnostics), delay));
    };
    vscode.workspace.textDocuments.forEach((d) => check(d, 0));
    return vscode.Disposable.from(
      vscode.languages.registerCodeLensProvider(SELECTOR, provider),
      diagnostics,
      provider.changed,
      vscode.workspace.onDidOpenTextDocument((d) => check(d, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => check(e.document, 400)),
      vscode.workspace.onDidCloseTextDocument((d) => diagnostics.delete(d.uri)),
      { dispose: () => timers.forEach((t) => clearTimeout(t)) },
    );
  }

  async provideCodeLenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    if (!isRunFile(document)) return [];
    const { findRunRanges } = await runfile();
    const text = document.getText();
    const kinds = await runKinds(text);
    return findRunRanges(text).map((run) => new vscode.CodeLens(toRange(run.range), lensCommand(document.uri, run.name, kinds.get(run.name))));
  }
}

/** The lens of one run, by its kind: tune runs start a sweep; evaluate and explain runs go through runFromFile. */
function lensCommand(uri: vscode.Uri, name: string, kind: string | undefined): vscode.Command {
  if (kind === 'tune') return { title: tuneMessages.tuneLens, tooltip: tuneMessages.tuneLensTooltip(name), command: 'posthoc.runSweep', arguments: [uri, name] };
  if (kind === 'explain') return { title: EXPLAIN_LENS, tooltip: explainLensTooltip(name), command: 'posthoc.runFromFile', arguments: [uri, name] };
  return { title: messages.runFileLens, tooltip: messages.runFileLensTooltip(name), command: 'posthoc.runFromFile', arguments: [uri, name] };
}

/** Each run's `kind` when it is a string (sweeps get "▶ Tune", explain runs "▶ Explain"), read leniently like the lenses' ranges. */
async function runKinds(text: string): Promise<Map<string, string>> {
  const { findNodeAtLocation, parseTree } = await import('../core/runfile/jsonc');
  const { PARSE_OPTIONS } = await import('../core/runfile/syntax');
  const runs = findNodeAtLocation(parseTree(text, [], PARSE_OPTIONS) ?? { type: 'null', offset: 0, length: 0 }, ['runs']);
  const out = new Map<string, string>();
  for (const p of runs?.type === 'object' ? (runs.children ?? []) : []) {
    const [key, value] = p.children ?? [];
    const kind = value?.type === 'object' ? value.children?.find((c) => c.children?.[0]?.value === 'kind')?.children?.[1]?.value : undefined;
    if (typeof key?.value === 'string' && typeof kind === 'string') out.set(key.value, kind);
  }
  return out;
}

/** Puts the file's problems in the Problems panel (and squiggles), or clears them. */
async function updateDiagnostics(document: vscode.TextDocument, collection: vscode.DiagnosticCollection): Promise<void> {
  if (document.isClosed) return;
  const { validateRunFile } = await runfile();
  const { problems } = validateRunFile(document.getText(), document.uri.fsPath);
  collection.set(document.uri, problems.map(toDiagnostic));
}

function toDiagnostic(p: RunFileProblem): vscode.Diagnostic {
  const d = new vscode.Diagnostic(toRange(p.range), p.message, vscode.DiagnosticSeverity.Error);
  d.source = 'posthoc';
  return d;
}
