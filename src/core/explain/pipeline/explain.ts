/**
 * The explanation pipeline: read the data, open the model (ONNX through onnxruntime, XGBoost and
 * LightGBM files through the tree module), settle the explained class and output space, build the
 * background, run the method, and return its JSON result with the context it was computed in.
 */
import * as path from 'node:path';
import { UsageError, listNames, throwIfAborted } from '../../errors';
import type { Task } from '../../evaluate/types';
import type { TreeEnsemble } from '../../tree/ensemble';
import { loadTreeModel } from '../../tree/load';
import { VERSION } from '../../version';
import { selectRows } from '../matrix';
import { loadBackground, loadExplainData, type Background } from './data';
import { runMethod } from './methods';
import { openOnnxSource, type ModelSource } from './onnxSource';
import { EXPLAIN_DEFAULTS, EXPLAIN_METHODS, LOCAL_METHODS, type ExplainContext, type ExplainHooks, type ExplainOptions, type ExplainResult, type Explanation } from './options';
import { permutationScorer } from './permutationScorer';
import { checkRows, firstRows } from './rows';
import { chooseSpace, explainableModel } from './space';
import { isTreeModelFile, loadTreeForShap, runTreeShap, treeSource } from './treeSource';

/** Rows of the data used to detect how the ONNX output reads (probabilities or logits) once for the whole run. */
const PROBE_ROWS = 5000;

/** The explained class: --class by name, else the positive (second) class of a binary model, else the first. */
export function chooseClass(task: Task, classes: readonly string[] | undefined, requested: string | undefined, target: string, notes: string[]): { index: number; name: string } {
  if (task === 'regression' || !classes) {
    if (requested !== undefined) throw new UsageError(`--class applies to classifiers; this is a regression model.`);
    return { index: 0, name: target };
  }
  if (requested !== undefined) {
    const index = classes.indexOf(requested);
    if (index < 0) throw new UsageError(`--class '${requested}' is not one of the model's classes: ${listNames(classes)}.`);
    return { index, name: requested };
  }
  const index = task === 'binary' && classes.length === 2 ? 1 : 0;
  const why = task === 'binary' ? 'the positive (second) class' : 'the first class';
  notes.push(`Explaining class '${classes[index]}', ${why}; pass --class to explain another.`);
  return { index, name: classes[index] };
}

function checkOptions(opts: ExplainOptions): void {
  if (!EXPLAIN_METHODS.includes(opts.method)) throw new UsageError(`unknown method '${String(opts.method)}'; methods are: ${EXPLAIN_METHODS.join(', ')}.`);
  if (opts.samples !== undefined && !(Number.isInteger(opts.samples) && opts.samples >= 1)) throw new UsageError(`samples must be a whole number ≥ 1; got ${opts.samples}.`);
  if (opts.treeShap && opts.method !== 'tree-shap') throw new UsageError('--tree-shap path|interventional applies to --method tree-shap only.');
}

/** Explains a model on a dataset. Heavy: call it from a worker (see explainInWorker) in the editor. */
export async function explain(opts: ExplainOptions, hooks: ExplainHooks = {}): Promise<ExplainResult> {
  const started = performance.now();
  checkOptions(opts);
  const { signal } = hooks;
  const progress = (message: string, fraction?: number): void => hooks.onProgress?.(message, fraction);
  const notes: string[] = [];
  const seed = opts.seed ?? EXPLAIN_DEFAULTS.seed;
  const isTreeShap = opts.method === 'tree-shap';

  progress('Loading model');
  let ensemble: TreeEnsemble | undefined;
  if (isTreeShap) ensemble = await loadTreeForShap(opts.model);
  else if (!opts.model.toLowerCase().endsWith('.onnx')) ensemble = await loadTreeModel(opts.model);
  // The raw score of an ONNX tree ensemble is not an ONNX output: read it from the trees.
  else if (opts.space === 'margin' && (await isTreeModelFile(opts.model))) ensemble = await loadTreeModel(opts.model);

  progress('Reading data', 0);
  const data = await loadExplainData(
    { path: opts.data, label: opts.label, features: opts.features, declaredFeatures: ensemble?.featureNames, maxRows: opts.maxRows ?? EXPLAIN_DEFAULTS.maxRows, cohort: opts.cohort },
    notes,
    hooks,
  );
  const { X } = data;
  if (opts.cohort) {
    const label = opts.cohort.name === opts.cohort.expression ? `'${opts.cohort.expression}'` : `'${opts.cohort.name}' (${opts.cohort.expression})`;
    notes.push(`Explained on the cohort ${label} only: ${X.nRows} of ${data.nTotal} rows; row numbers count the cohort's rows from 0.`);
  }
  if (opts.method === 'permutation' && !data.labelColumn) throw new UsageError('permutation importance scores a metric against the labels: pass --label COL.');
  throwIfAborted(signal);

  const rows = opts.rows ? [...opts.rows] : firstRows(X.nRows, EXPLAIN_DEFAULTS.rows);
  checkRows(rows, X.nRows);
  const local = LOCAL_METHODS.includes(opts.method);
  if (!local && opts.rows) notes.push(`--rows is ignored by ${opts.method}, which explains the model over all ${X.nRows} data rows.`);

  let source: ModelSource;
  if (ensemble) source = treeSource(ensemble, opts.model);
  else {
    const probe = selectRows(X, firstRows(X.nRows, PROBE_ROWS));
    source = await openOnnxSource(opts.model, { features: data.features, probe: { x: probe.data, nRows: probe.nRows }, label: data.labelColumn, task: opts.task, output: opts.output, outputKind: opts.outputKind, signal });
  }
  try {
    notes.push(...source.notes);
    if (opts.task && ensemble && opts.task !== source.task) throw new UsageError(`--task ${opts.task} does not match the tree model, which is a ${source.task} model.`);
    const target = data.label ?? 'prediction';
    const cls = chooseClass(source.task, source.classes, opts.class, target, notes);
    const outputNames = source.classes ?? [target];
    const spaceFor = isTreeShap ? undefined : opts.method === 'permutation' || opts.method === 'anchors' ? undefined : opts.space;
    if (opts.space && !isTreeShap && spaceFor === undefined) notes.push(`--space is ignored by ${opts.method}, which works on class probabilities.`);
    const space = chooseSpace(source.task, spaceFor, !!source.predictMargin);
    const common = { featureNames: data.features, outputNames, predictProba: source.predictProba, predictMargin: source.predictMargin };
    const model = explainableModel({ ...common, space });
    const probaModel = explainableModel({ ...common, space: source.task === 'regression' ? 'value' : 'probability' });

    const needsBackground = opts.method === 'kernel-shap' || (isTreeShap && opts.treeShap !== 'path') || opts.background?.kind === 'file';
    let background: Background | undefined;
    if (needsBackground) {
      progress('Preparing background');
      background = await loadBackground(opts.background ?? EXPLAIN_DEFAULTS.background, data, seed, hooks);
    }
    const scorer = opts.method === 'permutation' && data.labelColumn ? permutationScorer(source.task, data.labelColumn, source.classes, opts.metric) : undefined;
    if (opts.metric && opts.method !== 'permutation') notes.push('--metric is used by permutation importance only; it was ignored.');

    progress(`Explaining (${opts.method})`, 0);
    const onProgress = (f: number): void => progress(`Explaining (${opts.method})`, f);
    let explanation: Explanation;
    if (isTreeShap) {
      explanation = await runTreeShap(ensemble!, selectRows(X, rows), {
        variant: opts.treeShap ?? 'interventional', classIndex: cls.index, className: cls.name, space: opts.space,
        background: background?.matrix, rowIds: rows, featureNames: data.features, signal, onProgress,
      });
    } else {
      explanation = await runMethod({ opts, model, probaModel, space, classIndex: cls.index, className: cls.name, X, rows, background, scorer, seed, notes, signal, progress: onProgress });
    }
    const context: ExplainContext = {
      method: opts.method,
      model: { path: opts.model, file_name: path.basename(opts.model), format: source.format },
      data: { path: opts.data, n_rows: X.nRows, ...(data.label !== undefined ? { label: data.label } : {}), features: data.features },
      ...(opts.cohort ? { cohort: { name: opts.cohort.name, expression: opts.cohort.expression, n_rows: X.nRows, n_total: data.nTotal } } : {}),
      task: source.task,
      ...(source.classes ? { classes: source.classes } : {}),
      class: opts.method === 'anchors' ? 'predicted class' : cls.name,
      space: 'space' in explanation ? explanation.space : space,
      ...(local ? { rows } : {}),
      ...(background ? { background: { kind: background.kind, rows: background.matrix.nRows, source: background.source } } : {}),
      seed,
      ...(opts.samples !== undefined ? { samples: opts.samples } : {}),
      ...(scorer ? { metric: scorer.metric } : {}),
      elapsed_ms: Math.round(performance.now() - started),
      notes,
      created: new Date().toISOString(),
      posthoc_version: VERSION,
    };
    return { explanation, context };
  } finally {
    await source.dispose();
  }
}
