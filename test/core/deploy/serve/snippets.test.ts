// "Copy client code": the curl, Python (requests) and TypeScript (fetch) snippets are run for
// real against a live server and must get a 200 with the model's outputs.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { clientSnippets, exampleRequest, startServer, type RunningServer } from '../../../../src/core/deploy/serve';
import { BREAST, MULTI, ROOT } from './helpers';

const run = promisify(execFile);

describe('posthoc serve: client snippets', () => {
  let server: RunningServer;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'posthoc-snippets-'));
  before(async () => {
    server = await startServer({ models: [{ path: BREAST }, { path: MULTI }], port: 0, token: 'tok' });
  });
  after(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const env = { ...process.env, POSTHOC_TOKEN: 'tok' };

  it('fills in real names, datatypes and example data of the right length', () => {
    const multi = server.models.find((m) => m.name === 'multi_input')!;
    const req = exampleRequest(multi);
    assert.deepEqual(req.inputs.map((t) => [t.name, t.datatype, t.shape, t.data.length]), [
      ['age', 'FP32', [1, 1], 1], ['income', 'FP32', [1, 1], 1], ['city', 'BYTES', [1, 1], 1],
    ]);
    const s = clientSnippets(server.models[0], server.url);
    assert.ok(s.curl.includes('"shape":[1,30]'));
    assert.ok(!s.curl.includes('Authorization'));
    assert.ok(clientSnippets(server.models[0], server.url, { token: true }).python.includes('POSTHOC_TOKEN'));
  });

  for (const model of ['model', 'multi_input']) {
    it(`curl snippet for ${model} gets outputs`, { skip: !existsSync('/usr/bin/curl') && 'no curl' }, async () => {
      const s = clientSnippets(server.models.find((m) => m.name === model)!, server.url, { token: true });
      const { stdout } = await run('/bin/sh', ['-c', s.curl], { env });
      assert.ok(Array.isArray(JSON.parse(stdout).outputs), stdout);
    });

    it(`python snippet for ${model} gets outputs`, { skip: !existsSync('/usr/bin/python3') && 'no python3' }, async () => {
      const s = clientSnippets(server.models.find((m) => m.name === model)!, server.url, { token: true });
      const file = path.join(dir, `${model}.py`);
      writeFileSync(file, s.python);
      const { stdout } = await run('/usr/bin/python3', [file], { env });
      assert.match(stdout, /^\w+ \[1, \d+\] \[/);
    });

    it(`typescript snippet for ${model} gets outputs`, async () => {
      const s = clientSnippets(server.models.find((m) => m.name === model)!, server.url, { token: true });
      const file = path.join(dir, `${model}.mts`);
      writeFileSync(file, s.typescript);
      const { stdout } = await run(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), file], { env });
      assert.match(stdout, /^\w+ \[ 1, \d+ \] \[/);
    });
  }
});
