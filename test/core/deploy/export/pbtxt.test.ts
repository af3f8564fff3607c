// The text-format subset: round trips, and Triton's documented example read by the parser.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PbEnum, PbtxtSyntaxError, parsePbtxt, writePbtxt, type PbMessage } from '../../../../src/core/deploy/export/pbtxt';

describe('pbtxt', () => {
  it('round-trips messages, lists, enums, booleans, negative numbers and escaped strings', () => {
    const m: PbMessage = {
      name: 'odd "name"\\ with\ttab',
      max_batch_size: 8,
      input: [{ name: 'x', data_type: new PbEnum('TYPE_FP32'), dims: [-1, 3], reshape: { shape: [] } }],
      dynamic_batching: {},
      flag: false,
      ratio: 0.25,
      instance_group: [{ count: 2, kind: new PbEnum('KIND_CPU') }],
    };
    assert.deepEqual(parsePbtxt(writePbtxt(m)), m);
  });

  it("reads the minimal configuration of Triton's documentation, comments and all", () => {
    const text = `
      # two inputs, one output
      platform: "tensorrt_plan"
      max_batch_size: 8
      input [
        {
          name: "input0"
          data_type: TYPE_FP32
          dims: [ 16 ]
        },
        {
          name: "input1"
          data_type: TYPE_FP32
          dims: [ 16 ]
        }
      ]
      output [ { name: "output0", data_type: TYPE_FP32, dims: [ 16 ] } ]
      instance_group { count: 1 kind: KIND_CPU }
      instance_group: { count: 2; kind: KIND_CPU }
    `;
    const m = parsePbtxt(text);
    assert.equal(m.platform, 'tensorrt_plan');
    assert.equal(m.max_batch_size, 8);
    assert.equal((m.input as PbMessage[]).length, 2);
    assert.deepEqual((m.input as PbMessage[])[1], { name: 'input1', data_type: new PbEnum('TYPE_FP32'), dims: [16] });
    assert.deepEqual(m.output, [{ name: 'output0', data_type: new PbEnum('TYPE_FP32'), dims: [16] }]);
    // A repeated message written twice becomes a list.
    assert.deepEqual(m.instance_group, [{ count: 1, kind: new PbEnum('KIND_CPU') }, { count: 2, kind: new PbEnum('KIND_CPU') }]);
  });

  it('names the line and column of a syntax error', () => {
    assert.throws(() => parsePbtxt('name: "x"\nmax_batch_size 8\n'), (e: Error) => e instanceof PbtxtSyntaxError && /line 2/.test(e.message));
    assert.throws(() => parsePbtxt('input [ { name: "x" }'), PbtxtSyntaxError);
    assert.throws(() => parsePbtxt('name: "unterminated\n'), /line 1.*newline inside a string/);
    assert.throws(() => parsePbtxt('dims: [ 1 2 ]'), /expected ',' or ']'/);
    assert.throws(() => parsePbtxt('a: @'), /unexpected character '@'/);
  });

  it('refuses to write what the format cannot say', () => {
    assert.throws(() => writePbtxt({ 'bad-key': 1 }), /not a protobuf field name/);
    assert.throws(() => writePbtxt({ x: NaN }), /cannot write NaN/);
    assert.throws(() => new PbEnum('not an enum'), /enum identifier/);
  });
});
