/**
 * Inference overhead: Posthoc's predict path (table -> bound tensors -> session.run -> output
 * interpretation) against a bare onnxruntime-node `session.run` loop over tensors built before
 * timing, same model, same batch size, same process.
 *
 *   npx tsx bench/inference.bench.ts [rows=100000] [batch=4096] [model=examples/breast-cancer/model.onnx]
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type * as ort from 'onnxruntime-node';
import type { Column, Table } from '../src/core/data/table';
import { OnnxModel, onnxRuntime } from '../src/core/model/onnxRunner';

const ROOT = path.join(__dirname, '..');
const nRows = Number(process.argv[2] ?? 100_000);
const batch = Number(process.argv[3] ?? 4096);
const modelFile = path.resolve(ROOT, process.argv[4] ?? 'examples/breast-cancer/model.onnx');
const csvFile = path.join(path.dirname(modelFile), 'test.csv');
const REPEATS = 7;

/** The example's test.csv, rows repeated up to `n`; numeric columns only (the features). */
function loadTable(n: number): { table: Table; features: string[] } {
  const lines = readFileSync(csvFile, 'utf8').trim().split(/\r?\n/);
  const names = lines[0].split(',');
  const rows = lines.slice(1).map((l) => l.split(','));
  const features = names.filter((name) => name !== 'target');
  const columns: Column[] = features.map((name) => {
    const j = names.indexOf(name);
    return { name, kind: 'number', values: Float64Array.from({ length: n }, (_, i) => Number(rows[i % rows.length][j])) };
  });
  return { table: { columns, nRows: n }, features };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  const { table, features } = loadTable(nRows);
  const model = await OnnxModel.load(modelFile);
  const { InferenceSession, Tensor } = onnxRuntime();
  const bare = await InferenceSession.create(readFileSync(modelFile), { graphOptimizationLevel: 'all' });
  const inputName = bare.inputNames[0];
  const outputName = bare.outputNames[0];

  // Tensors for the bare loop, built outside the timing.
  const nF = features.length;
  const tensors: ort.Tensor[] = [];
  for (let start = 0; start < nRows; start += batch) {
    const rows = Math.min(batch, nRows - start);
    const data = new Float32Array(rows * nF);
    for (let r = 0; r < rows; r++) for (let j = 0; j < nF; j++) data[r * nF + j] = (table.columns[j].values as Float64Array)[start + r];
    tensors.push(new Tensor('float32', data, [rows, nF]));
  }

  const runOurs = async () => {
    const t = performance.now();
    const p = await model.predict(table, features, { task: 'binary', batchSize: batch });
    if (p.proba!.length !== nRows * 2) throw new Error('wrong output size');
    return performance.now() - t;
  };
  const runBare = async () => {
    const t = performance.now();
    for (const x of tensors) await bare.run({ [inputName]: x }, [outputName]);
    return performance.now() - t;
  };

  await runOurs();
  await runBare(); // warm-up
  const ours: number[] = [];
  const base: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    // Alternate so drift (CPU frequency, GC) hits both sides alike.
    ours.push(await runOurs());
    base.push(await runBare());
  }
  const o = median(ours);
  const b = median(base);
  console.log(`model ${path.relative(ROOT, modelFile)}, ${nRows} rows × ${nF} features, batch ${batch}, median of ${REPEATS}`);
  console.log(`bare session.run loop : ${b.toFixed(1)} ms`);
  console.log(`posthoc predict       : ${o.toFixed(1)} ms`);
  console.log(`overhead              : ${(((o - b) / b) * 100).toFixed(1)} %`);
  await model.dispose();
  await bare.release();
}

void main();
