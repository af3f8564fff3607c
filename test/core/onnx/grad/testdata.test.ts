/**
 * Gradient rules against finite differences on ONNX's own single-operator test models (Debian's
 * libonnx-testdata): every model whose operators are all covered is checked with its stored
 * inputs. Skips when the package is not installed.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { onnx } from 'onnx-proto';
import { readFloat32 } from '../../../../src/core/deploy/optimize/tensors';
import { defaultOpset } from '../../../../src/core/deploy/optimize/graph';
import { GRAD_RULES, UnsupportedOperatorError, type TensorValue } from '../../../../src/core/onnx/grad/index';
import { NON_DIFFERENTIABLE } from '../../../../src/core/onnx/grad/rules/index';
import { fdCheck } from './fdcheck';

const ROOT = '/usr/share/libonnx-testdata/data';
const SUITES = ['node', 'pytorch-operator', 'pytorch-converted'];
/** Ops whose every input is differentiable; for the others only the first (data) input is. */
const ALL_INPUTS = new Set(['Add', 'Sub', 'Mul', 'Div', 'MatMul', 'Gemm', 'Concat', 'Sum']);

interface Tally { checked: number; skipped: number; reasons: Set<string> }

test('gradient rules match finite differences on libonnx-testdata models', { skip: !existsSync(ROOT) && 'libonnx-testdata is not installed (apt-get install libonnx-testdata)' }, async (t) => {
  const tally = new Map<string, Tally>();
  const failures: string[] = [];
  const entry = (op: string) => {
    if (!tally.has(op)) tally.set(op, { checked: 0, skipped: 0, reasons: new Set() });
    return tally.get(op)!;
  };
  for (const suite of SUITES) {
    const dir = path.join(ROOT, suite);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).sort()) {
      const modelFile = path.join(dir, name, 'model.onnx');
      const dataDir = path.join(dir, name, 'test_data_set_0');
      if (!existsSync(modelFile) || !existsSync(dataDir)) continue;
      const model = onnx.ModelProto.decode(readFileSync(modelFile));
      const graph = model.graph!;
      const ops = [...new Set((graph.node ?? []).map((n) => n.opType ?? ''))].filter((op) => op !== 'Constant');
      if (ops.some((op) => op.startsWith('Random') || op === 'Bernoulli')) continue;
      if (ops.length === 0 || !ops.every((op) => GRAD_RULES[op] || NON_DIFFERENTIABLE.has(op))) continue;
      const covered = ops.filter((op) => GRAD_RULES[op]);
      if (covered.length === 0) continue;
      const label = covered.join('+');
      const inits = new Set((graph.initializer ?? []).map((i) => i.name));
      const inputNames = (graph.input ?? []).map((i) => i.name!).filter((n) => !inits.has(n));
      const files = readdirSync(dataDir).filter((f) => f.startsWith('input_')).sort((a, b) => parseInt(a.slice(6)) - parseInt(b.slice(6)));
      const tensors = files.map((f) => onnx.TensorProto.decode(readFileSync(path.join(dataDir, f))));
      const skip = (why: string) => {
        entry(label).skipped++;
        entry(label).reasons.add(why);
      };
      if (defaultOpset(model) < 11) {
        skip(`opset ${defaultOpset(model)} < 11`);
        continue;
      }
      if (tensors.length !== inputNames.length || tensors[0]?.dataType !== 1 || (graph.input ?? []).some((i) => !i.type?.tensorType)) {
        skip('non-float data input');
        continue;
      }
      // Integer inputs (shapes, axes, pads) are fixed values of the test: make them initializers,
      // as they are in exported models.
      const intInputs = tensors.map((x, i) => ({ x, name: inputNames[i] })).filter(({ x }) => x.dataType !== 1);
      if (intInputs.length > 0) {
        graph.initializer = [...(graph.initializer ?? []), ...intInputs.map(({ x, name }) => ({ ...x, name }))];
        graph.input = (graph.input ?? []).filter((i) => !intInputs.some((t) => t.name === i.name));
      }
      const inputs: Record<string, TensorValue> = {};
      try {
        tensors.forEach((x, i) => x.dataType === 1 && (inputs[inputNames[i]] = { data: readFloat32(x), dims: (x.dims ?? []).map(Number) }));
      } catch (err) {
        failures.push(`${suite}/${name}: cannot read inputs: ${(err as Error).message}`);
        continue;
      }
      const single = ops.length === 1 && (graph.node ?? []).length === 1;
      const wrt = single && !ALL_INPUTS.has(ops[0]) ? [graph.node![0].input![0]] : Object.keys(inputs);
      try {
        const res = await fdCheck(model, inputs, wrt.filter((w) => w in inputs));
        if (Number.isNaN(res.maxErr)) {
          skip('NaN in the forward pass (e.g. log of a negative input)');
          continue;
        }
        entry(label).checked++;
        if (!(res.maxErr < 3e-3)) failures.push(`${suite}/${name}: relative error ${res.maxErr.toExponential(2)}`);
      } catch (err) {
        if (err instanceof UnsupportedOperatorError || /opset|constant initializer|float32 output|Unsupported data type/.test((err as Error).message)) skip((err as Error).message.split(':')[1]?.split('.')[0]?.trim() ?? 'unsupported');
        else failures.push(`${suite}/${name}: ${(err as Error).message}`);
      }
    }
  }
  const rows = [...tally.entries()].sort(([a], [b]) => a.localeCompare(b));
  for (const [op, v] of rows) t.diagnostic(`${op}: ${v.checked} checked${v.skipped ? `, ${v.skipped} skipped (${[...v.reasons].join('; ')})` : ''}`);
  const checked = rows.reduce((s, [, v]) => s + v.checked, 0);
  t.diagnostic(`total: ${checked} models checked`);
  assert.deepEqual(failures, []);
  assert.ok(checked > 100, `only ${checked} models checked`);
});
