/**
 * Runs one explanation method on a prepared model and data: the part of the pipeline after the
 * files are read and the model, class and space are settled.
 */
import { UsageError } from '../../errors';
import { accumulatedLocalEffects } from '../ale';
import { anchorsTabular } from '../anchors';
import { kernelShap } from '../kernelShap';
import { limeTabular } from '../lime';
import { selectRows, sampleIndices, type Matrix } from '../matrix';
import { Rng } from '../../metrics/rng';
import { partialDependence } from '../pdp';
import { permutationImportance } from '../permutation';
import type { ExplainableModel, ExplainSpace } from '../types';
import type { Background } from './data';
import { EXPLAIN_DEFAULTS, type ExplainOptions, type Explanation } from './options';
import type { MetricScorer } from './permutationScorer';
import { resolveFeaturesOfInterest } from './rows';

/** Everything a method needs, settled by the pipeline. */
export interface MethodInput {
  opts: ExplainOptions;
  /** The model predicting in `space`, every class as an output. */
  model: ExplainableModel;
  /** The same model in probability space (anchors and permutation need class probabilities). */
  probaModel: ExplainableModel;
  space: ExplainSpace;
  classIndex: number;
  className: string;
  X: Matrix;
  rows: number[];
  background?: Background;
  scorer?: MetricScorer;
  seed: number;
  notes: string[];
  signal?: AbortSignal;
  progress: (fraction: number) => void;
}

/** Pearson correlation of two equal-length series (0 when either is constant or has NaNs only). */
function correlation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let n = 0;
  let sa = 0;
  let sb = 0;
  for (let i = 0; i < a.length; i++) {
    if (Number.isNaN(a[i]) || Number.isNaN(b[i])) continue;
    n++;
    sa += a[i];
    sb += b[i];
  }
  if (n < 2) return 0;
  const ma = sa / n;
  const mb = sb / n;
  let cov = 0;
  let va = 0;
  let vb = 0;
  for (let i = 0; i < a.length; i++) {
    if (Number.isNaN(a[i]) || Number.isNaN(b[i])) continue;
    cov += (a[i] - ma) * (b[i] - mb);
    va += (a[i] - ma) ** 2;
    vb += (b[i] - mb) ** 2;
  }
  return va > 0 && vb > 0 ? cov / Math.sqrt(va * vb) : 0;
}

/** The `count` features whose values correlate most (in absolute value) with the explained output. */
async function defaultFeaturesOfInterest(input: MethodInput, count: number): Promise<number[][]> {
  const { X, model } = input;
  const sample = selectRows(X, sampleIndices(X.nRows, 1000, new Rng(input.seed)));
  const out = await model.predict(sample.data, sample.nRows, input.signal);
  const k = out.length / Math.max(1, sample.nRows);
  const y = Float64Array.from({ length: sample.nRows }, (_, i) => out[i * k + input.classIndex]);
  const score = model.featureNames.map((_, j) => {
    const col = Float64Array.from({ length: sample.nRows }, (_, i) => sample.data[i * sample.nCols + j]);
    return { j, r: Math.abs(correlation(col, y)) };
  });
  score.sort((a, b) => b.r - a.r || a.j - b.j);
  const chosen = score.slice(0, count).map((s) => [s.j]);
  input.notes.push(`Features of interest: ${chosen.map(([j]) => model.featureNames[j]).join(', ')} (most correlated with the output); pass --features-of-interest to choose.`);
  return chosen;
}

/** Runs the method named by `input.opts.method`, except tree-shap (see runTreeShap). */
export async function runMethod(input: MethodInput): Promise<Explanation> {
  const { opts, model, X, rows, signal, seed } = input;
  const onProgress = input.progress;
  const xs = selectRows(X, rows);
  switch (opts.method) {
    case 'permutation': {
      if (!input.scorer) throw new UsageError('permutation importance needs the label column: pass --label.');
      return permutationImportance(input.probaModel, X, { ...input.scorer, nRepeats: opts.repeats ?? EXPLAIN_DEFAULTS.repeats, seed, signal, onProgress });
    }
    case 'kernel-shap': {
      if (!input.background) throw new UsageError('kernel-shap needs a background dataset.');
      return kernelShap(model, xs, { background: input.background.matrix, output: input.classIndex, rowIds: rows, space: input.space, budget: opts.samples, seed, signal, onProgress });
    }
    case 'lime': {
      const data = input.background?.kind === 'file' ? input.background.matrix : X;
      return limeTabular(model, xs, { data, nSamples: opts.samples ?? EXPLAIN_DEFAULTS.limeSamples, output: input.classIndex, rowIds: rows, seed, signal, onProgress });
    }
    case 'anchors': {
      if (input.probaModel.outputNames.length < 2) throw new UsageError('anchors explains classifiers (a rule that keeps the predicted class); this is a regression model. Use lime or kernel-shap.');
      const data = input.background?.kind === 'file' ? input.background.matrix : X;
      return anchorsTabular(input.probaModel, xs, { data, maxSamples: opts.samples ?? EXPLAIN_DEFAULTS.anchorsSamples, rowIds: rows, seed, signal, onProgress });
    }
    case 'pdp':
    case 'ale': {
      const targets = opts.featuresOfInterest
        ? resolveFeaturesOfInterest(opts.featuresOfInterest, model.featureNames)
        : await defaultFeaturesOfInterest(input, EXPLAIN_DEFAULTS.featuresOfInterest);
      const grid = opts.grid ?? EXPLAIN_DEFAULTS.grid;
      const step = (t: number) => (f: number) => onProgress((t + f) / targets.length);
      if (opts.method === 'pdp') {
        const results = [];
        for (const [t, features] of targets.entries()) results.push(await partialDependence(model, features, { data: X, gridSize: grid, output: input.classIndex, seed, signal, onProgress: step(t) }));
        return { method: 'pdp', class: input.className, space: input.space, results };
      }
      if (targets.some((t) => t.length > 1)) throw new UsageError('ale takes single features; 2-D pairs (a:b) are for pdp.');
      const results = [];
      for (const [t, [j]] of targets.entries()) results.push(await accumulatedLocalEffects(model, j, { data: X, bins: grid, output: input.classIndex, signal, onProgress: step(t) }));
      return { method: 'ale', class: input.className, space: input.space, results };
    }
    default:
      throw new UsageError(`${opts.method} is not run by runMethod.`);
  }
}
