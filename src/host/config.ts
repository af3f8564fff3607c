import * as vscode from 'vscode';

/** The evaluation settings, read for the resource being evaluated (folder settings apply). */
export interface EvaluateSettings {
  threshold: number;
  bootstrap: number;
  seed: number;
  maxRows: number;
  /** Image datasets: decode worker threads; undefined lets the core choose (decodeWorkerCount). */
  decodeWorkers?: number;
}

/** Reads `posthoc.*` settings; defaults match package.json and the CLI. */
export function evaluateSettings(scope?: vscode.Uri): EvaluateSettings {
  const c = vscode.workspace.getConfiguration('posthoc', scope);
  return {
    threshold: c.get<number>('evaluate.threshold', 0.5),
    bootstrap: c.get<number>('evaluate.bootstrap', 1000),
    seed: c.get<number>('evaluate.seed', 0),
    maxRows: c.get<number>('data.maxRows', 0),
    decodeWorkers: c.get<number | null>('evaluate.decodeWorkers', null) ?? undefined,
  };
}
