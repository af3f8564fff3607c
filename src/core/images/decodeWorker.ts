/**
 * Worker thread of {@link DecodePool}: decodes and preprocesses batches of image files into
 * float tensors and hands each back with its buffer transferred (no copy).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { DecodeReply, DecodeRequest, DecodeWorkerData } from './decodePool';
import { errorFields } from '../workers/workerErrors';
import { decodeBatch } from './preprocess';

const { spec } = workerData as DecodeWorkerData;

parentPort!.on('message', (req: DecodeRequest) => {
  decodeBatch(req.files, req.slots, spec).then(
    (out) => parentPort!.postMessage({ id: req.id, data: out } satisfies DecodeReply, [out.buffer as ArrayBuffer]),
    (err: unknown) => parentPort!.postMessage({ id: req.id, error: errorFields(err) } satisfies DecodeReply),
  );
});
