/**
 * The what-if panel: one data row's feature values in editable inputs, the model's prediction,
 * and the row's KernelSHAP values as a bar chart, recomputed in a long-lived worker as the user
 * edits (the webview debounces; stale computations are aborted). Every message from the webview
 * is validated against the panel's feature names before use.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { isWhatIfWebviewMessage, type WhatIfHostMessage, type WhatIfOutcome, type WhatIfSetup, type WhatIfWebviewMessage } from '../../shared/whatifProtocol';
import { log } from '../log';
import { onValidMessage, webviewOptions } from '../webviewShell';
import { explainStrings as s } from './explainStrings';
import { WhatIfClient } from './whatIfClient';
import { whatIfHtml } from './whatIfHtml';
import type { WhatIfInit } from './whatIfSession';
import { whatIfShapSpec } from './whatIfSpec';

/** What `posthoc._whatIfPanels` reports for a panel (tests and diagnostics). */
export interface WhatIfState {
  title: string;
  ready: boolean;
  setup?: WhatIfSetup;
  values?: number[];
  outcome?: WhatIfOutcome;
  /** Sequence number of the last edit the host accepted. */
  seq: number;
  errors: string[];
}

/** One open what-if panel; see the module comment. */
export class WhatIfPanel {
  static readonly viewType = 'posthoc.whatIf';
  private static readonly panels = new Set<WhatIfPanel>();
  private static latest: WhatIfPanel | undefined;
  private readonly client: WhatIfClient;
  private setup: WhatIfSetup | undefined;
  private values: number[] | undefined;
  private outcome: WhatIfOutcome | undefined;
  private seq = 0;
  private ready = false;
  private readonly errors: string[] = [];

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    init: WhatIfInit,
  ) {
    WhatIfPanel.panels.add(this);
    WhatIfPanel.latest = this;
    this.client = new WhatIfClient(extensionUri.fsPath, init);
    panel.webview.html = whatIfHtml(panel.webview, extensionUri, panel.title);
    // Before the model is open there are no feature names: only `ready` and `error` can be valid.
    onValidMessage(panel.webview, 'what-if', (raw): raw is WhatIfWebviewMessage => isWhatIfWebviewMessage(raw, this.setup?.features ?? []), (m) => this.handle(m));
    panel.onDidDispose(() => {
      this.client.dispose();
      WhatIfPanel.panels.delete(this);
      if (WhatIfPanel.latest === this) WhatIfPanel.latest = [...WhatIfPanel.panels].pop();
    });
    void this.client.ready.then(
      (setup) => {
        this.setup = setup;
        this.values = [...setup.original];
        if (this.ready) this.start();
      },
      (error: unknown) => this.showError(error),
    );
  }

  /** Opens a panel beside the active editor for `init.row` of the data. */
  static open(extensionUri: vscode.Uri, init: WhatIfInit): WhatIfPanel {
    const title = s.whatIfTitle(path.basename(init.model), init.row);
    const panel = vscode.window.createWebviewPanel(WhatIfPanel.viewType, title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false }, {
      ...webviewOptions(extensionUri),
      // The edited values live in the host; keeping the page avoids recomputing when the tab hides.
      retainContextWhenHidden: true,
    });
    return new WhatIfPanel(panel, extensionUri, init);
  }

  /** The newest open panel. */
  static current(): WhatIfPanel | undefined {
    return WhatIfPanel.latest;
  }

  /** What every open panel shows, newest last. */
  static describe(): WhatIfState[] {
    return [...WhatIfPanel.panels].map((p) => p.state());
  }

  /** The panel's state, for the internal test command. */
  state(): WhatIfState {
    return { title: this.panel.title, ready: this.ready, setup: this.setup, values: this.values, outcome: this.outcome, seq: this.seq, errors: [...this.errors] };
  }

  /**
   * Handles a message as if the webview had sent it (tests): it goes through the same validator,
   * and the returned promise settles once the resulting computation finished.
   */
  async simulate(raw: unknown): Promise<WhatIfState> {
    if (!isWhatIfWebviewMessage(raw, this.setup?.features ?? [])) throw new Error(`invalid what-if message: ${JSON.stringify(raw)?.slice(0, 200)}`);
    await this.handle(raw);
    return this.state();
  }

  private post(message: WhatIfHostMessage): void {
    void this.panel.webview.postMessage(message);
  }

  private async handle(m: WhatIfWebviewMessage): Promise<void> {
    switch (m.type) {
      case 'ready':
        this.ready = true;
        this.post({ type: 'status', text: s.whatIfLoading, error: false });
        if (this.setup) this.start();
        return;
      case 'edit':
        if (!this.setup || m.seq <= this.seq) return; // a late message from before a reset or a newer edit
        this.seq = m.seq;
        this.values = this.setup.features.map((f) => m.values[f]);
        return this.compute();
      case 'reset':
        if (!this.setup) return;
        this.seq += 1;
        this.values = [...this.setup.original];
        this.post({ type: 'init', title: this.panel.title, setup: this.setup, values: this.values });
        return this.compute();
      case 'copy':
        await vscode.env.clipboard.writeText(this.json());
        this.post({ type: 'status', text: s.whatIfCopied, error: false });
        return;
      case 'error':
        log().warn(`what-if webview: ${m.message}`);
        if (this.errors.length < 20) this.errors.push(m.message);
        return;
    }
  }

  /** Sends the setup and computes the original row. */
  private start(): void {
    if (!this.setup || !this.values) return;
    this.post({ type: 'init', title: this.panel.title, setup: this.setup, values: this.values });
    void this.compute();
  }

  private async compute(): Promise<void> {
    const { setup, values } = this;
    if (!setup || !values) return;
    const seq = this.seq;
    this.post({ type: 'status', text: s.whatIfComputing, error: false });
    try {
      const outcome = await this.client.evaluate(values);
      // Superseded by a newer edit: that edit's reply will draw.
      if (!outcome || seq !== this.seq) return;
      this.outcome = outcome;
      this.post({ type: 'result', seq, outcome, spec: whatIfShapSpec(setup, outcome) });
    } catch (error) {
      this.showError(error);
    }
  }

  private showError(error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    log().warn(`what-if: ${message}`);
    if (this.errors.length < 20) this.errors.push(message);
    this.post({ type: 'status', text: message, error: true });
  }

  /** The row, prediction and SHAP values, as "Copy as JSON" puts them on the clipboard. */
  json(): string {
    const { setup, values, outcome } = this;
    if (!setup || !values) return '{}';
    const row = Object.fromEntries(setup.features.map((f, j) => [f, values[j]]));
    const payload = {
      row: setup.row,
      values: row,
      ...(outcome
        ? {
            prediction: Object.fromEntries(setup.outputNames.map((n, k) => [n, outcome.prediction[k]])),
            shap: { class: setup.outputNames[setup.classIndex], space: setup.space, base_value: outcome.base, output: outcome.fx, values: Object.fromEntries(setup.features.map((f, j) => [f, outcome.phi[j]])) },
          }
        : {}),
      background: setup.background,
      coalitions: setup.budget,
    };
    return `${JSON.stringify(payload, null, 2)}\n`;
  }
}
