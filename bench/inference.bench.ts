/**
 * Inference overhead: Posthoc's predict path (table -> bound tensors -> session.run -> output
 * interpretation) against a bare onnxruntime-node `session.run` loop over tensors built before
 * timing, same model, same batch size, same process.
 *
 * Two models: the breast-cancer example (30 -> 16 -> 2, so small that feeding it dominates) and a
 * wider MLP (30 -> 256 -> 256 -> 2, random weights, built here) closer to a real network.
 *
 *   npx tsx bench/inference.bench.ts [rows=100000] [batch=4096]
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { onnx } from 'onnx-proto';
import type * as ort from 'onnxruntime-node';
import type { Column, Table } from '../src/core/data/table';
import { OnnxModel, onnxRuntime } from '../src/core/model/onnxRunner';

const ROOT = path.join(__dirname, '..');
const nRows = Number(process.argv[2] ?? 100_000);
const batch = Number(process.argv[3] ?? 4096);
const csvFile = path.join(ROOT, 'examples/breast-cancer/test.csv');
const REPEATS = 11;

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

/** A 30 -> hidden -> hidden -> 2 softmax MLP with seeded random weights, as ONNX bytes. */
function wideMlp(hidden: number): Uint8Array {
  let seed = 1;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31 - 0.5) * 0.2;
  const init = (name: string, dims: number[]): onnx.ITensorProto => {
    const data = Float32Array.from({ length: dims.reduce((a, b) => a * b, 1) }, rand);
    return { name, dims, dataType: onnx.TensorProto.DataType.FLOAT, rawData: new Uint8Array(data.buffer) };
  };
  const sizes = [30, hidden, hidden, 2];
  const initializer: onnx.ITensorProto[] = [];
  const node: onnx.INodeProto[] = [];
  let x = 'input';
  for (let l = 0; l < 3; l++) {
    initializer.push(init(`w${l}`, [sizes[l + 1], sizes[l]]), init(`b${l}`, [sizes[l + 1]]));
    const transB: onnx.IAttributeProto = { name: 'transB', type: onnx.AttributeProto.AttributeType.INT, i: 1 };
    node.push({ opType: 'Gemm', input: [x, `w${l}`, `b${l}`], output: [`h${l}`], attribute: [transB] });
    x = `h${l}`;
    if (l < 2) node.push({ opType: 'Relu', input: [x], output: [(x = `r${l}`)] });
  }
  node.push({ opType: 'Softmax', input: [x], output: ['probabilities'], attribute: [{ name: 'axis', type: onnx.AttributeProto.AttributeType.INT, i: 1 }] });
  const io = (name: string, width: number): onnx.IValueInfoProto => ({
    name, type: { tensorType: { elemType: onnx.TensorProto.DataType.FLOAT, shape: { dim: [{ dimParam: 'batch' }, { dimValue: width }] } } },
  });
  const graph: onnx.IGraphProto = { name: 'wide_mlp', node, initializer, input: [io('input', 30)], output: [io('probabilities', 2)] };
  return onnx.ModelProto.encode({ irVersion: 8, opsetImport: [{ domain: '', version: 13 }], producerName: 'posthoc-bench', graph }).finish();
}

async function bench(modelFile: string, label: string, table: Table, features: string[]): Promise<void> {
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
  const oMin = Math.min(...ours);
  const bMin = Math.min(...base);
  console.log(`${label}: ${nRows} rows × ${nF} features, batch ${batch}, ${REPEATS} runs each`);
  console.log(`  bare session.run loop : median ${b.toFixed(1)} ms, min ${bMin.toFixed(1)} ms`);
  console.log(`  posthoc predict       : median ${o.toFixed(1)} ms, min ${oMin.toFixed(1)} ms`);
  console.log(`  overhead              : median ${(((o - b) / b) * 100).toFixed(1)} %, min ${(((oMin - bMin) / bMin) * 100).toFixed(1)} %`);
  await model.dispose();
  await bare.release();
}

async function main(): Promise<void> {
  const { table, features } = loadTable(nRows);
  await bench(path.join(ROOT, 'examples/breast-cancer/model.onnx'), 'breast-cancer example (30-16-2)', table, features);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'posthoc-bench-'));
  try {
    const wide = path.join(dir, 'wide_mlp.onnx');
    writeFileSync(wide, wideMlp(256));
    await bench(wide, 'wide MLP (30-256-256-2)', table, features);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
