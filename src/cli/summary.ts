/** The few lines `posthoc evaluate` prints on stdout: task, size and headline metrics. */
import type { EvaluationResult } from '../core/evaluate/types';

const HEADLINE: Record<EvaluationResult['task'], string[]> = {
  binary: ['accuracy', 'precision', 'recall', 'f1', 'roc_auc', 'average_precision', 'log_loss'],
  multiclass: ['accuracy', 'balanced_accuracy', 'f1_macro', 'log_loss', 'roc_auc_ovr'],
  regression: ['mae', 'rmse', 'r2'],
};

function fmt(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toPrecision(4);
}

/** Human-readable summary lines, with bootstrap intervals where present. */
export function summaryLines(result: EvaluationResult): string[] {
  const classes = result.classes ? ` (classes: ${result.classes.join(', ')})` : '';
  const lines = [`${result.task} model, ${result.n_rows} rows${classes}`];
  for (const name of HEADLINE[result.task]) {
    const value = result.metrics[name];
    if (value === undefined) continue;
    const ci = result.ci[name];
    lines.push(`  ${name.padEnd(18)} ${fmt(value)}${ci ? `  [${fmt(ci[0])}, ${fmt(ci[1])}]` : ''}`);
  }
  for (const w of result.warnings) lines.push(`warning: ${w}`);
  return lines;
}
