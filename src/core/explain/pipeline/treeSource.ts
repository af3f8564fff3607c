/**
 * Tree ensembles in the explanation pipeline: XGBoost/LightGBM files as a model source for the
 * model-agnostic methods, and TreeSHAP (interventional or path-dependent) on the ensemble's raw
 * margin, with the explained class chosen and binary one-score models handled.
 */
import * as path from 'node:path';
import { readModelFile } from '../../onnx/modelFile';
import { ModelError, UsageError } from '../../errors';
import { applyPostTransform, predictionWidth, predictMargin, type TreeEnsemble } from '../../tree/ensemble';
import { interventionalTreeShap } from '../../tree/interventionalTreeShap';
import { loadTreeModel } from '../../tree/load';
import { pathTreeShap } from '../../tree/pathTreeShap';
import { marginSpace, toAttributionResult, type TreeShapValues } from '../../tree/shapResult';
import { backgroundWeights, type Matrix, type WeightedMatrix } from '../matrix';
import type { AttributionResult } from '../types';
import { MODEL_AGNOSTIC_METHODS, type RequestedSpace } from './options';
import type { ModelSource } from './onnxSource';

/** True when the file is an ONNX model with a TreeEnsemble node, or a non-ONNX (tree) model file. */
export async function isTreeModelFile(file: string): Promise<boolean> {
  if (!file.toLowerCase().endsWith('.onnx')) return true;
  const { card } = await readModelFile(file);
  return Object.keys(card.operators).some((op) => /TreeEnsemble/.test(op));
}

/** Loads a tree model for tree-shap, turning "not a tree model" into a usage error that names the methods that work. */
export async function loadTreeForShap(file: string): Promise<TreeEnsemble> {
  if (!(await isTreeModelFile(file))) {
    throw new UsageError(
      `tree-shap needs a tree ensemble (an ONNX TreeEnsemble model, XGBoost .json or LightGBM .txt); ${path.basename(file)} is not one. ` +
        `Methods that work with any model: ${MODEL_AGNOSTIC_METHODS.join(', ')}.`,
    );
  }
  return loadTreeModel(file);
}

/** Class-order margins: a binary one-score model gets [complement, score] like its probabilities. */
function marginColumns(e: TreeEnsemble, x: Float64Array, n: number): Float64Array {
  const m = predictMargin(e, x, n);
  if (predictionWidth(e) === e.nOutputs) return m;
  const out = new Float64Array(n * 2);
  for (let r = 0; r < n; r++) {
    out[2 * r] = e.binaryComplement === 'one-minus' && e.postTransform === 'NONE' ? 1 - m[r] : -m[r];
    out[2 * r + 1] = m[r];
  }
  return out;
}

/** A tree ensemble (XGBoost / LightGBM file) as a model source, predicted in JavaScript. */
export function treeSource(e: TreeEnsemble, file: string): ModelSource {
  const task = e.classLabels ? (e.classLabels.length <= 2 ? 'binary' : 'multiclass') : 'regression';
  if (task === 'regression' && predictionWidth(e) !== 1) throw new ModelError(`${path.basename(file)} has ${e.nOutputs} outputs and no classes; Posthoc explains one output per regression model.`);
  return {
    format: e.format === 'onnx' ? 'onnx' : e.format,
    fileName: path.basename(file),
    task,
    classes: e.classLabels ? [...e.classLabels] : undefined,
    predictProba: async (x, n) => applyPostTransform(e, predictMargin(e, x, n), n),
    predictMargin: async (x, n) => marginColumns(e, x, n),
    notes: [],
    dispose: async () => undefined,
  };
}

/** Options of {@link runTreeShap}. */
export interface TreeShapRun {
  variant: 'interventional' | 'path';
  /** Index of the explained class (0 for regression). */
  classIndex: number;
  className: string;
  space?: RequestedSpace;
  background?: Matrix | WeightedMatrix;
  rowIds: number[];
  featureNames: string[];
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
}

/** Checks the requested space against the margin TreeSHAP explains. */
function checkTreeSpace(e: TreeEnsemble, requested: RequestedSpace | undefined): void {
  if (requested === undefined || requested === 'margin') return;
  if (requested === 'logit' && e.postTransform === 'LOGISTIC' && e.logisticScale === 1) return;
  throw new UsageError(
    `tree-shap explains the ensemble's raw score (${marginSpace(e)}); --space ${requested} is not exact for it. ` +
      'Use --space margin, or kernel-shap for probabilities.',
  );
}

/** Interventional SHAP against a weighted background: the values are linear in the background distribution. */
async function weightedInterventional(e: TreeEnsemble, xs: Matrix, bg: Matrix | WeightedMatrix, outputIndex: number, run: TreeShapRun): Promise<TreeShapValues> {
  const opts = { outputIndex, signal: run.signal, onProgress: run.onProgress };
  if (!('weights' in bg)) return interventionalTreeShap(e, xs.data, xs.nRows, bg.data, bg.nRows, opts);
  const w = backgroundWeights(bg);
  const m = bg.nCols;
  let acc: TreeShapValues | undefined;
  for (let b = 0; b < bg.nRows; b++) {
    const one = await interventionalTreeShap(e, xs.data, xs.nRows, bg.data.subarray(b * m, (b + 1) * m), 1, { outputIndex, signal: run.signal });
    run.onProgress?.((b + 1) / bg.nRows);
    if (!acc) acc = { ...one, values: new Float64Array(one.values.length), baseValue: 0 };
    for (let i = 0; i < one.values.length; i++) acc.values[i] += w[b] * one.values[i];
    acc.baseValue += w[b] * one.baseValue;
  }
  return acc!;
}

/** TreeSHAP values of the explained class's margin for the rows of `xs`. */
export async function runTreeShap(e: TreeEnsemble, xs: Matrix, run: TreeShapRun): Promise<AttributionResult> {
  checkTreeSpace(e, run.space);
  if (xs.nCols !== e.nFeatures) throw new ModelError(`The model has ${e.nFeatures} features but ${xs.nCols} columns were chosen; pass them with --features.`);
  // A binary one-score model's margin is class 1's; class 0's is its complement.
  const complement = e.nOutputs === 1 && run.classIndex === 0 && (e.classLabels?.length ?? 0) === 2;
  const outputIndex = e.nOutputs === 1 ? 0 : run.classIndex;
  let shap: TreeShapValues;
  if (run.variant === 'path') shap = await pathTreeShap(e, xs.data, xs.nRows, { outputIndex, signal: run.signal, onProgress: run.onProgress });
  else {
    if (!run.background) throw new UsageError('Interventional tree-shap needs a background dataset.');
    shap = await weightedInterventional(e, xs, run.background, outputIndex, run);
  }
  if (complement) {
    const oneMinus = e.postTransform === 'NONE' && e.binaryComplement === 'one-minus';
    shap = {
      ...shap,
      values: shap.values.map((v) => -v),
      baseValue: oneMinus ? 1 - shap.baseValue : -shap.baseValue,
      outputs: shap.outputs.map((v) => (oneMinus ? 1 - v : -v)),
    };
  }
  return toAttributionResult(e, shap, xs.data, { rows: run.rowIds, className: run.className, featureNames: run.featureNames });
}
