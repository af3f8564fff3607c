// The hot-path helpers against their plain references: the hand-written response text must be
// exactly JSON.stringify of the response object, and the one-pass convert() must accept,
// convert and reject exactly what check() + make() do.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { typeInfo } from '../../../../src/core/deploy/serve/datatypes';
import type { ServedModel } from '../../../../src/core/deploy/serve/model';
import { inferResponse, inferResponseText } from '../../../../src/core/deploy/serve/response';
import type { ValidRequest } from '../../../../src/core/deploy/serve/validate';

const types: Record<string, string> = { p: 'float', d: 'double', label: 'int64', flag: 'bool', name: 'string', small: 'int8' };
const model = { outputType: (n: string) => types[n] } as unknown as ServedModel;

describe('inferResponseText', () => {
  const outputs = {
    p: { type: 'float32', dims: [2, 3], data: Float32Array.of(0.1, 0.2, 0.7, -0, 1e-8, 3.4e38) },
    d: { type: 'float64', dims: [3], data: Float64Array.of(NaN, Infinity, -1.5) },
    label: { type: 'int64', dims: [2], data: BigInt64Array.of(3n, -7n) },
    flag: { type: 'bool', dims: [2], data: Uint8Array.of(1, 0) },
    name: { type: 'string', dims: [2], data: ['a "quoted"\nname', 'é'] },
    small: { type: 'int8', dims: [0], data: new Int8Array(0) },
  };
  for (const id of [undefined, 'req "1"']) {
    it(`equals JSON.stringify of the response object${id ? ' (with an id)' : ''}`, () => {
      const req = { id, inputs: {}, outputs: Object.keys(types), rows: 2, raw: [] } as ValidRequest;
      const text = inferResponseText('m"odel', req, outputs, model);
      assert.equal(text, JSON.stringify(inferResponse('m"odel', req, outputs, model)));
      // and it parses to what a client expects
      const parsed = JSON.parse(text) as { outputs: { data: unknown[] }[] };
      assert.deepEqual(parsed.outputs[1].data, ['NaN', 'Infinity', -1.5]);
    });
  }
});

describe('TypeInfo.convert', () => {
  const cases: [string, unknown[]][] = [
    ['float', [0.5, -2, 'NaN', 'Infinity', '-Infinity', 1e-50]],
    ['float', [1, 'nan']],
    ['float', [1, null]],
    ['double', [1.25, 'NaN', 2]],
    ['double', [true]],
    ['int64', [1, -5, 2 ** 53 - 1]],
    ['int64', [1.5]],
    ['int32', [1, 2 ** 31]],
    ['uint8', [0, 255]],
    ['uint8', [256]],
    ['bool', [true, false, 1, 0]],
    ['bool', [2]],
    ['string', ['a', 'b']],
    ['string', ['a', 1]],
  ];
  for (const [type, values] of cases) {
    it(`${type} ${JSON.stringify(values)}`, () => {
      const info = typeInfo(type)!;
      const bad = values.findIndex((v) => info.check(v) !== undefined);
      const got = info.convert(values);
      if (bad >= 0) assert.equal(got, bad);
      else assert.deepEqual(got, info.make(values as (number | string | boolean)[]));
    });
  }
});
