import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UsageError } from '../../../../src/core/errors';
import { checkOverrides, fixedBatchSize, parseShapeOverrides, resolveShape } from '../../../../src/core/deploy/bench/shapes';
import type { TensorSpec } from '../../../../src/core/evaluate/types';

const image: TensorSpec = { name: 'image', type: 'float', shape: ['batch', 3, 'h', 'w'] };
const tokens: TensorSpec = { name: 'ids', type: 'int64', shape: ['batch', 'seq'] };

describe('bench shapes', () => {
  it('uses the batch size for the first dynamic dim and 1 for the others', () => {
    assert.deepEqual(resolveShape(image, 8), [8, 3, 1, 1]);
    assert.deepEqual(resolveShape({ name: 'x', type: 'float', shape: [null, 30] }, 32), [32, 30]);
  });

  it('applies full-shape and symbolic-dim overrides', () => {
    const o = parseShapeOverrides(['image=Nx3x224x224', 'seq=128']);
    assert.deepEqual(o, { image: [-1, 3, 224, 224], seq: [128] });
    assert.deepEqual(resolveShape(image, 4, o), [4, 3, 224, 224]);
    assert.deepEqual(resolveShape(tokens, 2, o), [2, 128]);
    checkOverrides([image, tokens], o);
  });

  it('rejects overrides that do not fit the model', () => {
    assert.throws(() => parseShapeOverrides(['image']), UsageError);
    assert.throws(() => parseShapeOverrides(['image=Nx0']), UsageError);
    assert.throws(() => checkOverrides([image], { nope: [1] }), /no input or dimension of that name.*Inputs: image; symbolic dimensions: batch, h, w/);
    assert.throws(() => resolveShape(image, 1, { image: [-1, 4, 2, 2] }), /fixed at 3/);
    assert.throws(() => resolveShape(image, 1, { image: [-1, 3] }), /has 2 dims but the model declares 4/);
  });

  it('reads a fixed batch size from the first input', () => {
    assert.equal(fixedBatchSize([{ name: 'x', type: 'float', shape: [1, 4] }]), 1);
    assert.equal(fixedBatchSize([image]), undefined);
  });
});
