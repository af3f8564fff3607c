/**
 * Worker thread of {@link DecodePool}: decodes and preprocesses batches of image files into
 * float tensors and hands each back with its buffer transferred (no copy).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { DecodeReply, DecodeRequest, DecodeWorkerData } from './decodePool';
import { errorFields } from '../workers/workerErrors';
import { loadImageInput, tensorDims } from './preprocess';

const { spec } = workerData as DecodeWorkerData;
const size = tensorDims(spec).reduce((a, b) => a * b, 1);

parentPort!.on('message', (req: DecodeRequest) => {
  const out = new Float32Array(req.slots * size);
  Promise.all(req.files.map((f, j) => loadImageInput(f, spec, out, j * size))).then(
    () => parentPort!.postMessage({ id: req.id, data: out } satisfies DecodeReply, [out.buffer]),
    (err: unknown) => parentPort!.postMessage({ id: req.id, error: errorFields(err) } satisfies DecodeReply),
  );
});
