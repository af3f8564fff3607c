/**
 * User-facing strings of the Explain and What-If commands (contribution titles live in
 * package.nls.json). Kept apart from ../messages.ts so this feature's strings sit together.
 */
import type { ExplainMethod } from '../../core/explain/pipeline/options';

/** Strings of `posthoc.explainModel` and `posthoc.whatIf`; functions for those that take values. */
export const explainStrings = {
  untrusted:
    'Posthoc does not run models in Restricted Mode: an ONNX file can make the runtime read other files and use a lot of memory. Trust this workspace to explain models.',
  pickModelTitle: 'Posthoc: Explain Model — model',
  pickModelPlaceholder: 'Pick a model (.onnx, XGBoost .json or LightGBM .txt)',
  pickDataTitle: 'Posthoc: Explain Model — dataset',
  pickLabelTitle: 'Posthoc: Explain Model — label column',
  pickLabelPlaceholder: 'Pick the label column, or (none) if the data has none',
  noLabel: '(none)',
  noLabelDetail: 'No label column: permutation importance is not offered. A column named target/label/y/class is still left out of the features.',
  pickMethodTitle: 'Posthoc: Explain Model — method',
  pickMethodPlaceholder: 'How should the model be explained?',
  rowsTitle: 'Posthoc: Explain Model — rows',
  rowsPrompt: '0-based data rows to explain: numbers or ranges separated by commas, e.g. 0,3,7 or 0-9',
  progressTitle: (file: string) => `Posthoc: explaining ${file}`,
  cancelled: 'Posthoc: explanation cancelled.',
  whatIfModelTitle: 'Posthoc: What-If — model',
  whatIfDataTitle: 'Posthoc: What-If — dataset',
  whatIfLabelTitle: 'Posthoc: What-If — label column',
  whatIfRowTitle: 'Posthoc: What-If — row',
  whatIfRowPrompt: (n?: number) => `0-based data row to start from${n ? ` (0 to ${n - 1})` : ''}`,
  whatIfRowInvalid: 'Enter one row number, e.g. 0',
  whatIfLoading: 'Loading the model and computing the background…',
  whatIfComputing: 'Computing…',
  whatIfCopied: 'Copied the row, prediction and SHAP values as JSON.',
  whatIfTitle: (file: string, row: number) => `What-If: ${file} row ${row}`,
  whatIfClosed: 'the what-if panel was closed.',
  whatIfNoPanel: 'Posthoc: there is no open what-if panel.',
} as const;

/** One-line descriptions of the methods, for the quick pick. */
export const METHOD_DESCRIPTIONS: Record<ExplainMethod, { label: string; detail: string }> = {
  permutation: { label: 'Permutation importance', detail: 'Global: how much the metric drops when a feature is shuffled (needs the label).' },
  'kernel-shap': { label: 'KernelSHAP', detail: 'Per row: Shapley values of any model, estimated against a background sample.' },
  'tree-shap': { label: 'TreeSHAP', detail: 'Per row: exact Shapley values of a tree ensemble\'s raw score, fast.' },
  lime: { label: 'LIME', detail: 'Per row: a local linear surrogate fitted to perturbations around the row.' },
  anchors: { label: 'Anchors', detail: 'Per row (classifiers): a rule that keeps the prediction, with its precision and coverage.' },
  pdp: { label: 'Partial dependence (PD/ICE)', detail: 'Global: the average prediction as a feature varies, with per-row ICE curves.' },
  ale: { label: 'Accumulated local effects (ALE)', detail: 'Global: a feature\'s effect, robust to correlated features.' },
};
