/**
 * Explanation overhead on the breast-cancer example (30 features, ONNX MLP): how much of each
 * method's wall time is spent outside the model.
 *
 * - KernelSHAP: total time vs time inside the model's predict calls; model calls/s, rows/s and
 *   the overhead share (target < 20 %).
 * - Permutation importance over 100 000 rows × 30 features: total time vs the same number of
 *   predict calls on the unpermuted matrix through the same PredictFn (pure inference).
 *
 * The PredictFn wraps OnnxModel.predict by building a Table from the matrix, as a caller would.
 *
 *   npx tsx bench/explain.bench.ts [rows=100000] [explained=10] [background=20] [repeats=2]
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Column, Table } from '../src/core/data/table';
import { kernelShap, kmeansSummary } from '../src/core/explain/kernelShap';
import { selectRows, type Matrix } from '../src/core/explain/matrix';
import { permutationImportance } from '../src/core/explain/permutation';
import type { ExplainableModel } from '../src/core/explain/types';
import { OnnxModel } from '../src/core/model/onnxRunner';

const ROOT = path.join(__dirname, '..');
const nRows = Number(process.argv[2] ?? 100_000);
const nExplained = Number(process.argv[3] ?? 10);
const nBackground = Number(process.argv[4] ?? 20);
const nRepeats = Number(process.argv[5] ?? 2);

/** test.csv as a matrix (rows repeated up to n) and its labels (1 = benign). */
function loadData(n: number): { x: Matrix; y: Uint8Array; features: string[] } {
  const lines = readFileSync(path.join(ROOT, 'examples/breast-cancer/test.csv'), 'utf8').trim().split(/\r?\n/);
  const names = lines[0].split(',');
  const rows = lines.slice(1).map((l) => l.split(','));
  const t = names.indexOf('target');
  const features = names.filter((_, j) => j !== t);
  const x = new Float64Array(n * features.length);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const r = rows[i % rows.length];
    let k = 0;
    r.forEach((v, j) => (j === t ? (y[i] = v === 'benign' ? 1 : 0) : (x[i * features.length + k++] = Number(v))));
  }
  return { x: { data: x, nRows: n, nCols: features.length }, y, features };
}

/** A PredictFn over OnnxModel that records the time spent inside it. */
function timedModel(session: OnnxModel, features: string[]): ExplainableModel & { ms: number; calls: number; rows: number } {
  const m = features.length;
  const model = {
    featureNames: features,
    outputNames: ['malignant', 'benign'],
    ms: 0,
    calls: 0,
    rows: 0,
    predict: async (x: Float64Array, n: number): Promise<Float64Array> => {
      const t0 = performance.now();
      const columns: Column[] = features.map((name, j) => {
        const values = new Float64Array(n);
        for (let i = 0; i < n; i++) values[i] = x[i * m + j];
        return { name, kind: 'number', values };
      });
      const table: Table = { columns, nRows: n };
      const p = await session.predict(table, features, { task: 'binary' });
      model.ms += performance.now() - t0;
      model.calls++;
      model.rows += n;
      return p.proba!;
    },
  };
  return model;
}

async function main(): Promise<void> {
  const session = await OnnxModel.load(path.join(ROOT, 'examples/breast-cancer/model.onnx'));
  const small = loadData(171);
  const { features } = small;

  // KernelSHAP: three runs, median total and median time inside the model.
  const background = kmeansSummary(small.x, nBackground, 0);
  const xs = selectRows(small.x, Array.from({ length: nExplained }, (_, i) => i));
  const warm = timedModel(session, features);
  await kernelShap(warm, selectRows(xs, [0]), { background, output: 1, budget: 200 });
  const runs: { total: number; ms: number; calls: number; rows: number; gap: number }[] = [];
  for (let rep = 0; rep < 3; rep++) {
    const model = timedModel(session, features);
    const t0 = performance.now();
    const shap = await kernelShap(model, xs, { background, output: 1, space: 'probability' });
    const total = performance.now() - t0;
    const gap = Math.max(...shap.values.map((v, i) => Math.abs(shap.base_values[i] + v.reduce((s, a) => s + a, 0) - shap.outputs[i])));
    runs.push({ total, ms: model.ms, calls: model.calls, rows: model.rows, gap });
  }
  const med = (f: (r: (typeof runs)[number]) => number): number => runs.map(f).sort((a, b) => a - b)[1];
  const total = med((r) => r.total);
  const inside = med((r) => r.ms);
  console.log(`KernelSHAP: ${nExplained} rows × 30 features, background ${background.nRows} (k-means), budget ${2 * 30 + 2048} coalitions (median of 3)`);
  console.log(`  total ${total.toFixed(0)} ms, inside model ${inside.toFixed(0)} ms, overhead ${(((total - inside) / total) * 100).toFixed(1)} % of total`);
  console.log(`  ${runs[0].calls} model calls (${((runs[0].calls / total) * 1000).toFixed(1)} calls/s), ${runs[0].rows} rows (${((runs[0].rows / total) * 1000 / 1e6).toFixed(2)} M rows/s)`);
  console.log(`  efficiency gap max |base + Σφ − f(x)| = ${Math.max(...runs.map((r) => r.gap)).toExponential(2)}`);

  // Permutation importance vs pure inference on the same number of rows (timed before and after).
  const big = loadData(nRows);
  const scorer = (p: Float64Array): number => {
    let hit = 0;
    for (let i = 0; i < big.y.length; i++) hit += (p[2 * i + 1] >= 0.5 ? 1 : 0) === big.y[i] ? 1 : 0;
    return hit / big.y.length;
  };
  const nCalls = 1 + 30 * nRepeats;
  const pureRun = async (): Promise<number> => {
    const pure = timedModel(session, features);
    const t0 = performance.now();
    for (let c = 0; c < nCalls; c++) await pure.predict(big.x.data, big.x.nRows);
    return performance.now() - t0;
  };
  const pureBefore = await pureRun();
  const pm = timedModel(session, features);
  const t0 = performance.now();
  const perm = await permutationImportance(pm, big.x, { scorer, metric: 'accuracy', greaterIsBetter: true, nRepeats, seed: 0 });
  const permMs = performance.now() - t0;
  const pureAfter = await pureRun();
  const pureMs = (pureBefore + pureAfter) / 2;
  console.log(`Permutation importance: ${nRows} rows × 30 features, ${nRepeats} repeats (${pm.calls} predict calls, ${pm.rows} rows)`);
  console.log(`  total ${permMs.toFixed(0)} ms, inside model ${pm.ms.toFixed(0)} ms: outside the model ${(((permMs - pm.ms) / permMs) * 100).toFixed(1)} % of total`);
  console.log(`  pure inference of the same rows: ${pureBefore.toFixed(0)} ms before, ${pureAfter.toFixed(0)} ms after; ratio total / pure ${(permMs / pureMs).toFixed(3)}`);
  console.log(`  top: ${perm.importances.slice(0, 3).map((i) => `${i.feature} ${i.mean.toFixed(4)}`).join(', ')}`);
  await session.dispose();
}

void main();
