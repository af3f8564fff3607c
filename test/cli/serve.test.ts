// `posthoc serve` as a user runs it: starts, answers, and stops on SIGINT/SIGTERM with exit 0.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { EXAMPLE, ROOT, ensureBuilt, posthoc, tempDir } from './helpers';

/** Starts `posthoc serve ARGS`, resolves with the process and its base URL once it prints it. */
function startCli(args: string[]) {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'posthoc.js'), 'serve', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      const m = /at (http:\/\/127\.0\.0\.1:\d+)\//.exec(stdout);
      if (m) resolve(m[1]);
    });
    void exited.then(() => reject(new Error(`exited early: ${stderr}`)));
    setTimeout(() => reject(new Error(`no URL after 20 s: ${stdout} ${stderr}`)), 20_000).unref();
  });
  return { child, url, exited, output: () => ({ stdout, stderr }) };
}

describe('posthoc serve (CLI)', () => {
  before(() => ensureBuilt());

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`serves and stops cleanly on ${signal}`, async () => {
      const dir = tempDir();
      const log = path.join(dir, 'requests.jsonl');
      const cli = startCli(['--model', path.join(EXAMPLE, 'model.onnx'), '--name', 'bc', '--port', '0', '--log', log, '--max-batch', '8']);
      const url = await cli.url;
      const meta = (await (await fetch(`${url}/v2/models/bc`)).json()) as { inputs: { name: string }[] };
      assert.equal(meta.inputs[0].name, 'input');
      const r = await fetch(`${url}/v2/models/bc/infer`, { method: 'POST', body: JSON.stringify({ inputs: [{ name: 'input', shape: [1, 30], datatype: 'FP32', data: new Array(30).fill(1) }] }) });
      assert.equal(r.status, 200);
      cli.child.kill(signal);
      assert.equal(await cli.exited, 0, cli.output().stderr);
      assert.match(cli.output().stdout, /stopped/);
      assert.equal(readFileSync(log, 'utf8').trim().split('\n').length, 1);
    });
  }

  it('exits 2 on usage errors and 1 on a missing model', () => {
    const noModel = posthoc(['serve']);
    assert.equal(noModel.status, 2);
    assert.match(noModel.stderr, /--model is required/);
    assert.equal(posthoc(['serve', '--model', 'm.onnx', '--port', 'x']).status, 2);
    const missing = posthoc(['serve', '--model', path.join(ROOT, 'nope.onnx'), '--port', '0']);
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /Model file not found/);
    const help = posthoc(['serve', '--help']);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /--max-delay-ms/);
  });
});
