// KServe export: manifests parse as YAML (the `yaml` package as the independent reader) and
// say what was meant; the Dockerfile is well formed; nothing is overwritten without force.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parse, parseAllDocuments } from 'yaml';
import { exportModel } from '../../../../src/core/deploy/export/exportModel';
import { IMAGE_PLACEHOLDER, STORAGE_URI_PLACEHOLDER, onnxInferenceService, posthocInferenceService, serveDockerfile } from '../../../../src/core/deploy/export/kserve';
import { checkKserveName, defaultKserveName, defaultTritonName } from '../../../../src/core/deploy/export/names';
import { parsePbtxt, type PbMessage } from '../../../../src/core/deploy/export/pbtxt';
import { toYaml } from '../../../../src/core/deploy/export/yaml';
import { PosthocError, UsageError } from '../../../../src/core/errors';
import { tempDir } from '../../../cli/helpers';

const ROOT = path.join(__dirname, '../../../..');
const EXAMPLE = path.join(ROOT, 'examples/breast-cancer/model.onnx');
const MODELS = path.join(ROOT, 'test/fixtures/models');

describe('KServe export', () => {
  it('writes manifests that parse back to the objects they came from', async () => {
    const out = tempDir();
    const r = await exportModel({ target: 'kserve', model: EXAMPLE, out });
    assert.equal(r.name, 'breast-cancer');
    const isvc = readFileSync(path.join(out, 'inferenceservice.yaml'), 'utf8');
    const docs = parseAllDocuments(isvc);
    assert.equal(docs.length, 1);
    assert.deepEqual(docs[0].errors, []);
    assert.deepEqual(parse(isvc), onnxInferenceService('breast-cancer').manifest);
    const m = parse(isvc) as { apiVersion: string; kind: string; metadata: { name: string }; spec: { predictor: { model: { modelFormat: { name: string }; storageUri: string; protocolVersion: string } } } };
    assert.equal(m.apiVersion, 'serving.kserve.io/v1beta1');
    assert.equal(m.kind, 'InferenceService');
    assert.equal(m.spec.predictor.model.modelFormat.name, 'onnx');
    assert.equal(m.spec.predictor.model.protocolVersion, 'v2');
    assert.equal(m.spec.predictor.model.storageUri, STORAGE_URI_PLACEHOLDER);
    assert.match(isvc, /storageUri: .*# PLACEHOLDER/);

    const custom = readFileSync(path.join(out, 'inferenceservice-posthoc.yaml'), 'utf8');
    assert.deepEqual(parse(custom), posthocInferenceService('breast-cancer').manifest);
    const c = parse(custom) as { metadata: { name: string }; spec: { predictor: { containers: { image: string; ports: { containerPort: number }[] }[] } } };
    assert.equal(c.metadata.name, 'breast-cancer-posthoc');
    assert.equal(c.spec.predictor.containers[0].image, IMAGE_PLACEHOLDER);
    assert.equal(c.spec.predictor.containers[0].ports[0].containerPort, 8080);
  });

  it('puts a Triton repository under model-repository/ whose names and shapes match the model', async () => {
    const out = tempDir();
    await exportModel({ target: 'kserve', model: path.join(MODELS, 'multi_input.onnx'), out });
    const cfg = parsePbtxt(readFileSync(path.join(out, 'model-repository', 'multi-input', 'config.pbtxt'), 'utf8'));
    assert.equal(cfg.name, 'multi-input');
    assert.deepEqual((cfg.input as PbMessage[]).map((i) => i.name), ['age', 'income', 'city']);
    assert.ok(existsSync(path.join(out, 'model-repository', 'multi-input', '1', 'model.onnx')));
    assert.deepEqual(readFileSync(path.join(out, 'model.onnx')), readFileSync(path.join(MODELS, 'multi_input.onnx')));
  });

  it('writes a Dockerfile that runs posthoc serve on 0.0.0.0 and explains why', () => {
    const text = serveDockerfile('breast-cancer', '0.1.0');
    const instructions = text.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#'));
    const known = new Set(['FROM', 'ENV', 'ARG', 'RUN', 'WORKDIR', 'COPY', 'USER', 'EXPOSE', 'CMD']);
    for (const line of instructions) assert.ok(known.has(line.split(/\s+/)[0]), line);
    assert.match(instructions[0], /^FROM node:\d+/);
    const cmd = instructions.find((l) => l.startsWith('CMD '))!;
    const argv = JSON.parse(cmd.slice(4)) as string[];
    assert.deepEqual(argv.slice(0, 2), ['posthoc', 'serve']);
    assert.equal(argv[argv.indexOf('--host') + 1], '0.0.0.0');
    assert.equal(argv[argv.indexOf('--model') + 1], '/srv/model.onnx');
    assert.ok(instructions.includes('COPY model.onnx /srv/model.onnx'));
    assert.ok(instructions.includes('EXPOSE 8080'));
    assert.match(text, /# --host 0\.0\.0\.0: inside a container, 127\.0\.0\.1 is the container's own loopback/);
  });

  it('never overwrites existing files without force, and writes nothing then', async () => {
    const out = tempDir();
    writeFileSync(path.join(out, 'Dockerfile'), 'mine\n');
    await assert.rejects(exportModel({ target: 'kserve', model: EXAMPLE, out }), (e: Error) => e instanceof PosthocError && /Dockerfile already exists; nothing was written.*--force/.test(e.message));
    assert.equal(readFileSync(path.join(out, 'Dockerfile'), 'utf8'), 'mine\n');
    assert.ok(!existsSync(path.join(out, 'inferenceservice.yaml')));
    await exportModel({ target: 'kserve', model: EXAMPLE, out, force: true });
    assert.match(readFileSync(path.join(out, 'Dockerfile'), 'utf8'), /posthoc serve/);
  });

  it('derives and checks names', async () => {
    assert.equal(defaultKserveName('/x/My_Model v2.onnx'), 'my-model-v2');
    assert.equal(defaultKserveName('/x/2024-net.onnx'), 'net');
    assert.equal(defaultTritonName('/x/My Model.onnx'), 'My_Model');
    assert.equal(defaultTritonName('/a/breast-cancer/model.onnx'), 'breast-cancer');
    assert.throws(() => checkKserveName('Bad_Name'), UsageError);
    await assert.rejects(exportModel({ target: 'kserve', model: EXAMPLE, out: tempDir(), name: 'UPPER' }), UsageError);
    await assert.rejects(exportModel({ target: 'triton', model: EXAMPLE, out: tempDir(), name: '../escape' }), UsageError);
  });

  it('quotes every string so YAML cannot misread it', () => {
    const value = { a: 'yes', b: '0123', c: 'null', d: 'x: y # z', e: [], f: {}, g: [1, true, null, 'on'], h: [[1, 2], { k: 'v' }] };
    assert.deepEqual(parse(toYaml(value, { header: ['top'], comments: { a: 'a comment' } })), value);
  });
});
