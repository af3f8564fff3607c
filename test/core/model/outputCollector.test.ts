// OutputCollector, the one place where batch outputs become the row-major RawOutput that
// interpretOutput reads (OnnxModel.predict and explain's matrix fast path both use it): the
// layouts written out by hand, padding rows of a fixed batch dropped, and each bad shape named.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type * as ort from 'onnxruntime-node';
import { ModelError } from '../../../src/core/errors';
import { OutputCollector, onnxRuntime } from '../../../src/core/model/onnxRunner';

const tensor = (type: 'float32' | 'int64' | 'string', data: Float32Array | BigInt64Array | string[], dims: number[]): ort.Tensor =>
  new (onnxRuntime().Tensor)(type, data as Float32Array, dims);

describe('OutputCollector', () => {
  it('lays [N, C] batches out row-major, in order', () => {
    const c = new OutputCollector('p', 3);
    c.add(tensor('float32', Float32Array.of(0.25, 0.75, 0.5, 0.5), [2, 2]), 0, 2);
    c.add(tensor('float32', Float32Array.of(1, 0), [1, 2]), 2, 3);
    assert.deepEqual(c.finish('tensor(float)'), { name: 'p', type: 'tensor(float)', nRows: 3, nCols: 2, numbers: Float64Array.of(0.25, 0.75, 0.5, 0.5, 1, 0) });
  });

  it('reads int64 labels as numbers, strings as strings, and [N] as one column', () => {
    const ints = new OutputCollector('label', 2);
    ints.add(tensor('int64', BigInt64Array.of(3n, -1n), [2]), 0, 2);
    assert.deepEqual(ints.finish('tensor(int64)').numbers, Float64Array.of(3, -1));
    const strs = new OutputCollector('label', 3);
    strs.add(tensor('string', ['a', 'b'], [2]), 0, 2);
    strs.add(tensor('string', ['c'], [1]), 2, 3);
    const raw = strs.finish('tensor(string)');
    assert.deepEqual([raw.strings, raw.nCols, raw.numbers], [['a', 'b', 'c'], 1, undefined]);
  });

  it('keeps only the real rows of a padded fixed batch; no rows gives an empty output', () => {
    const c = new OutputCollector('y', 1);
    c.add(tensor('float32', Float32Array.of(7, 8, 9, 10), [4]), 0, 1);
    assert.deepEqual(c.finish('tensor(float)').numbers, Float64Array.of(7));
    assert.deepEqual(new OutputCollector('y', 0).finish('tensor(float)'), { name: 'y', type: 'tensor(float)', nRows: 0, nCols: 1, numbers: new Float64Array(0) });
  });

  it('names each bad shape: rank, too few rows, a width that changes', () => {
    const bad = (f: (c: OutputCollector) => void, re: RegExp) => assert.throws(() => f(new OutputCollector('y', 4)), (e: unknown) => e instanceof ModelError && re.test(e.message));
    bad((c) => c.add(tensor('float32', Float32Array.of(1), []), 0, 1), /Output 'y' has shape \[\]; expected \[N\] or \[N, C\]/);
    bad((c) => c.add(tensor('float32', new Float32Array(8), [2, 2, 2]), 0, 2), /has shape \[2, 2, 2\]/);
    bad((c) => c.add(tensor('float32', new Float32Array(1), [1]), 0, 2), /Output 'y' returned 1 rows for a batch of 2/);
    bad((c) => {
      c.add(tensor('float32', new Float32Array(4), [2, 2]), 0, 2);
      c.add(tensor('float32', new Float32Array(6), [2, 3]), 2, 4);
    }, /changed width between batches \(2 then 3\)/);
  });

  it("runBatch names the rows onnxruntime failed on, and reads the named output only", async () => {
    const failing = { run: () => Promise.reject(new Error('boom')) } as unknown as ort.InferenceSession;
    await assert.rejects(new OutputCollector('y', 4).runBatch(failing, {}, 2, 4), (e: unknown) => e instanceof ModelError && e.message === 'onnxruntime failed on rows 3–4: boom');
    const asked: string[][] = [];
    const session = { run: (_f: unknown, names: string[]) => (asked.push(names), Promise.resolve({ y: tensor('float32', Float32Array.of(5, 6), [2]) })) } as unknown as ort.InferenceSession;
    const c = new OutputCollector('y', 2);
    await c.runBatch(session, {}, 0, 2);
    assert.deepEqual([asked, c.finish('tensor(float)').numbers], [[['y']], Float64Array.of(5, 6)]);
  });
});
