/**
 * The what-if computation, with no `vscode` import (it runs in the what-if worker): open the
 * model and data once, summarise the data as a small k-means background, then evaluate edited
 * rows: the model's outputs and single-row KernelSHAP values with a budget that keeps each
 * evaluation well under a second.
 */
import { UsageError } from '../../core/errors';
import { kmeansSummary } from '../../core/explain/background';
import { defaultBudget, kernelShap } from '../../core/explain/kernelShap';
import type { WeightedMatrix } from '../../core/explain/matrix';
import { selectRows } from '../../core/explain/matrix';
import { loadExplainData } from '../../core/explain/pipeline/data';
import { chooseClass } from '../../core/explain/pipeline/explain';
import { openOnnxSource, type ModelSource } from '../../core/explain/pipeline/onnxSource';
import { checkRows, firstRows } from '../../core/explain/pipeline/rows';
import { chooseSpace, explainableModel } from '../../core/explain/pipeline/space';
import { treeSource } from '../../core/explain/pipeline/treeSource';
import type { ExplainableModel } from '../../core/explain/types';
import { loadTreeModel } from '../../core/tree/load';
import type { WhatIfOutcome, WhatIfSetup } from '../../shared/whatifProtocol';

/** What the worker is started with. */
export interface WhatIfInit {
  model: string;
  data: string;
  label?: string;
  row: number;
  seed: number;
  /** Background centroids (k-means). */
  centroids: number;
  maxRows?: number;
}

/** Model rows evaluated per what-if update at most (coalitions × background rows). */
const ROWS_PER_UPDATE = 40_000;

/** Coalitions per update: enough for a stable estimate, few enough to stay interactive. */
export function whatIfBudget(nFeatures: number, backgroundRows: number): number {
  const affordable = Math.floor(ROWS_PER_UPDATE / Math.max(1, backgroundRows));
  return Math.max(2 * nFeatures + 2, Math.min(defaultBudget(nFeatures), affordable));
}

/** An open what-if session: one model, one background, many evaluations. */
export class WhatIfSession {
  private constructor(
    readonly setup: WhatIfSetup,
    private readonly source: ModelSource,
    private readonly model: ExplainableModel,
    private readonly background: WeightedMatrix,
    private readonly seed: number,
  ) {}

  /** Reads the data, opens the model and builds the background. */
  static async open(init: WhatIfInit, signal?: AbortSignal): Promise<WhatIfSession> {
    const ensemble = init.model.toLowerCase().endsWith('.onnx') ? undefined : await loadTreeModel(init.model);
    const notes: string[] = [];
    const data = await loadExplainData({ path: init.data, label: init.label, declaredFeatures: ensemble?.featureNames, maxRows: init.maxRows }, notes, { signal });
    const { X } = data;
    checkRows([init.row], X.nRows);
    let source: ModelSource;
    if (ensemble) source = treeSource(ensemble, init.model);
    else {
      const probe = selectRows(X, firstRows(X.nRows, 5000));
      source = await openOnnxSource(init.model, { features: data.features, probe: { x: probe.data, nRows: probe.nRows }, label: data.labelColumn, signal });
    }
    try {
      const target = data.label ?? 'prediction';
      const cls = chooseClass(source.task, source.classes, undefined, target, notes);
      const outputNames = source.classes ?? [target];
      const space = chooseSpace(source.task, undefined, false);
      const model = explainableModel({ featureNames: data.features, outputNames, predictProba: source.predictProba, space });
      const k = Math.max(1, Math.min(init.centroids, X.nRows));
      const background = kmeansSummary(X, k, init.seed);
      const m = data.features.length;
      const setup: WhatIfSetup = {
        features: data.features,
        original: Array.from(X.data.subarray(init.row * m, (init.row + 1) * m)),
        nRows: X.nRows,
        row: init.row,
        task: source.task,
        outputNames,
        classIndex: cls.index,
        space,
        background: `k-means summary of the data (${background.nRows} weighted centroids, seed ${init.seed})`,
        budget: whatIfBudget(m, background.nRows),
      };
      return new WhatIfSession(setup, source, model, background, init.seed);
    } catch (e) {
      await source.dispose();
      throw e;
    }
  }

  /** The model's outputs and KernelSHAP values for one (edited) row. */
  async evaluate(values: readonly number[], signal?: AbortSignal): Promise<WhatIfOutcome> {
    const started = performance.now();
    const m = this.setup.features.length;
    if (values.length !== m || !values.every(Number.isFinite)) throw new UsageError(`A what-if row needs ${m} finite feature values.`);
    const x = Float64Array.from(values);
    const prediction = Array.from(await this.source.predictProba(x, 1, signal));
    const shap = await kernelShap(this.model, { data: x, nRows: 1, nCols: m }, {
      background: this.background,
      output: this.setup.classIndex,
      space: this.setup.space,
      budget: this.setup.budget,
      seed: this.seed,
      signal,
    });
    return {
      values: [...values],
      prediction,
      fx: shap.outputs[0],
      base: shap.base_values[0],
      phi: shap.values[0],
      elapsedMs: Math.round(performance.now() - started),
    };
  }

  /** Releases the model's runtime session. */
  dispose(): Promise<void> {
    return this.source.dispose();
  }
}
