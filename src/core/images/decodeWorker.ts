/**
 * Worker thread of {@link DecodePool}: decodes and preprocesses batches of image files into
 * float tensors and hands each back, as a RequestReply, with its buffer transferred (no copy).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { RequestReply } from '../workers/pendingRequests';
import type { DecodeRequest, DecodeWorkerData } from './decodePool';
import { errorFields } from '../workers/workerErrors';
import { decodeBatch } from './preprocess';

const { spec } = workerData as DecodeWorkerData;

parentPort!.on('message', (req: DecodeRequest) => {
  decodeBatch(req.files, req.slots, spec).then(
    (out) => parentPort!.postMessage({ id: req.id, ok: true, value: out } satisfies RequestReply, [out.buffer as ArrayBuffer]),
    (err: unknown) => parentPort!.postMessage({ id: req.id, ok: false, ...errorFields(err) } satisfies RequestReply),
  );
});
