/** Small pieces the Explain and What-If commands share: settings, path arguments, the trust error. */
import * as vscode from 'vscode';
import { UntrustedWorkspaceError } from '../errors';
import { explainStrings } from './explainStrings';

/** The `posthoc.explain.*` settings (and `posthoc.data.maxRows`), read for the model's folder. */
export interface ExplainSettings {
  /** Background rows sampled for SHAP. */
  backgroundSize: number;
  /** Coalitions / perturbations / samples; 0 = the method's default. */
  samples: number;
  seed: number;
  maxRows: number;
}

/** Reads the settings; defaults match package.json and the CLI. */
export function explainSettings(scope?: vscode.Uri): ExplainSettings {
  const c = vscode.workspace.getConfiguration('posthoc', scope);
  const whole = (v: number, min: number, fallback: number) => (Number.isInteger(v) && v >= min ? v : fallback);
  return {
    backgroundSize: whole(c.get<number>('explain.backgroundSize', 100), 1, 100),
    samples: whole(c.get<number>('explain.samples', 0), 0, 0),
    seed: whole(c.get<number>('explain.seed', 0), 0, 0),
    maxRows: whole(c.get<number>('data.maxRows', 0), 0, 0),
  };
}


/**
 * Thrown when a model would be explained in Restricted Mode. A subclass of the evaluate error,
 * so the host's error boundary shows it with the Manage Workspace Trust button.
 */
export class UntrustedExplainError extends UntrustedWorkspaceError {
  constructor() {
    super();
    this.message = explainStrings.untrusted;
  }
}
