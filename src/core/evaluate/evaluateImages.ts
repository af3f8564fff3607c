/**
 * Evaluation on an image dataset (an ImageFolder or a listing of image paths): decode and
 * preprocess every image, run the model, then score with the same classification metrics as
 * tables, and add the image gallery (confident mistakes, samples per class, confusion cells).
 */
import type { StringColumn } from '../data/table';
import { UsageError, throwIfAborted } from '../errors';
import { listImageDataset } from '../images/dataset';
import { decodeWorkerCount } from '../images/decodePool';
import { buildGallery } from '../images/gallery';
import { loadImageSession, runImages } from '../images/runImages';
import { resolvePreprocess } from '../images/spec';
import { interpretOutput } from '../model/interpretOutput';
import { VERSION } from '../version';
import { encodeLabels } from './labels';
import { EVALUATE_DEFAULTS, type EvaluateOptions, type WorkHooks } from './options';
import { predictedClassIndices } from './predictedClass';
import { scoreClassification } from './scoring';
import type { EvaluationResult, Task } from './types';

/** Images per onnxruntime call unless --batch-size says otherwise (4096 rows of a table would be GBs of pixels). */
export const IMAGE_BATCH_SIZE = 32;

/** Evaluates an image classifier on an image dataset. Heavy: call it from a worker. */
export async function evaluateImages(opts: EvaluateOptions, hooks: WorkHooks = {}): Promise<EvaluationResult> {
  const progress = hooks.onProgress ?? (() => {});
  if (opts.cohort) throw new UsageError('--cohort/--where apply to tabular datasets; they are not supported with image datasets yet.');
  if (opts.weight || opts.features) throw new UsageError('--weight and --features apply to tabular datasets, not to image datasets.');
  progress('Listing images', 0);
  const ds = await listImageDataset(opts.data, { label: opts.label, pathColumn: opts.pathColumn, maxRows: opts.maxRows });
  throwIfAborted(hooks.signal);
  progress('Loading model');
  const s = await loadImageSession(opts.model);
  try {
    const pre = resolvePreprocess(s.input, opts.preprocess);
    progress('Running model', 0);
    const batchSize = opts.batchSize ?? IMAGE_BATCH_SIZE;
    const decodeWorkers = decodeWorkerCount(ds.items.length, pre.fixedBatch ?? batchSize, opts.decodeWorkers);
    const raw = await runImages(s, ds.items.map((it) => it.file), pre.spec, {
      output: opts.output, batchSize, fixedBatch: pre.fixedBatch, signal: hooks.signal, decodeWorkers,
      onProgress: (f) => progress('Running model', f),
    });
    const width = raw.strings ? undefined : raw.nCols === 1 ? 2 : raw.nCols;
    const task: Task = opts.task ?? (width === 2 || (width === undefined && new Set(ds.items.map((i) => i.label)).size === 2) ? 'binary' : 'multiclass');
    if (task === 'regression') throw new UsageError('image datasets are evaluated as classification; --task regression is not supported for them.');
    const prediction = interpretOutput(raw, { task, outputKind: opts.outputKind, classes: s.card.class_labels });
    const labelName = ds.labelColumn ?? 'class folder';
    const labelColumn: StringColumn = { name: labelName, kind: 'string', values: ds.items.map((i) => i.label) };
    // An ImageFolder's classes are its sorted subfolders: the order torchvision trained with.
    const classes = opts.classes ?? (!prediction.classes && ds.classes && ds.classes.length === prediction.nClasses ? ds.classes : undefined);
    progress('Computing metrics');
    const threshold = opts.threshold ?? EVALUATE_DEFAULTS.threshold;
    const scored = scoreClassification(task, prediction, labelColumn, {
      bootstrap: opts.bootstrap ?? EVALUATE_DEFAULTS.bootstrap, seed: opts.seed ?? EVALUATE_DEFAULTS.seed, signal: hooks.signal,
      threshold, positiveClass: opts.positiveClass, classes,
      // The gallery shows an image evaluation's confident mistakes, with their pictures.
      inspect: 0,
    });
    const names = scored.classes!;
    const yTrue = encodeLabels(labelColumn, names);
    const pos = scored.positiveClass !== undefined ? names.indexOf(scored.positiveClass) : 1;
    // The gallery's mistakes are the metrics' mistakes: the same prediction rule (a label that is not a class: -1).
    const binary = task === 'binary' && names.length === 2 ? { positive: pos, threshold } : undefined;
    const yPred = predictedClassIndices(prediction, names, { binary, unknownLabel: 'minus-one' });
    progress('Building the gallery');
    const gallery = await buildGallery({ names: ds.items.map((i) => i.name), files: ds.items.map((i) => i.file), classes: names, yTrue, yPred, proba: prediction.proba });
    const n = ds.items.length;
    return {
      task, n_rows: n, classes: names,
      ...(scored.positiveClass !== undefined ? { positive_class: scored.positiveClass } : {}),
      ...(scored.threshold !== undefined ? { threshold: scored.threshold } : {}),
      metrics: scored.metrics,
      ...(scored.perClass ? { per_class: scored.perClass } : {}),
      ...(scored.confusion ? { confusion_matrix: scored.confusion } : {}),
      curves: scored.curves, ci: scored.ci,
      ...(scored.bootstrap ? { bootstrap: scored.bootstrap } : {}),
      model: s.card,
      dataset: {
        path: opts.data, n_rows: n, n_columns: 2, label: labelName,
        features: [ds.pathColumn ?? 'image file'], missing: {}, ...scored.datasetExtras,
      },
      output: scored.output,
      warnings: [...pre.warnings, ...scored.warnings],
      images: { dataset_kind: ds.kind, input: s.input.name, preprocess: pre.spec, decode_workers: decodeWorkers, gallery },
      created: new Date().toISOString(), posthoc_version: VERSION,
    };
  } finally {
    await s.session.release();
  }
}
