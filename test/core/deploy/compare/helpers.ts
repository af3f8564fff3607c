/** Shared by the compare tests: perturbed copies of small models, and outputs straight from onnxruntime. */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { onnx } from 'onnx-proto';
import { toFloat32Matrix } from '../../../../src/core/data/columns';
import { readTable } from '../../../../src/core/data/readTable';
import { onnxRuntime } from '../../../../src/core/model/onnxRunner';

export const ROOT = path.join(__dirname, '..', '..', '..', '..');
export const MODEL = path.join(ROOT, 'examples', 'breast-cancer', 'model.onnx');
export const DATA = path.join(ROOT, 'examples', 'breast-cancer', 'test.csv');

/** A model (default: the example) with one weight initializer pushed around, so some calls flip. */
export function perturbedModel(amount: number, file = MODEL, initializer = 'body.2.weight'): Uint8Array {
  const m = onnx.ModelProto.decode(readFileSync(file));
  const w = (m.graph?.initializer ?? []).find((t) => t.name === initializer)!;
  const raw = new Uint8Array(w.rawData ?? []);
  const view = new DataView(raw.buffer);
  for (let i = 0; i < raw.length / 4; i++) view.setFloat32(i * 4, view.getFloat32(i * 4, true) * (1 + amount * Math.sin(7 * i + 1)), true);
  w.rawData = raw;
  return onnx.ModelProto.encode(m).finish();
}

/** The single input's first output, as onnxruntime computes it on `features` of `data` (row-major). */
export async function ortOutput(model: string, data: string, features: string[]): Promise<{ values: Float32Array; cols: number }> {
  const o = onnxRuntime();
  const t = await readTable(data);
  const s = await o.InferenceSession.create(model);
  try {
    const input = new o.Tensor('float32', toFloat32Matrix(t, features), [t.nRows, features.length]);
    const y = (await s.run({ [s.inputNames[0]]: input }))[s.outputNames[0]];
    return { values: y.data as Float32Array, cols: Number(y.dims[1] ?? 1) };
  } finally {
    await s.release();
  }
}
