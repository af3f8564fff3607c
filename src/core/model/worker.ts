/**
 * Worker-thread entry (bundled as dist/worker.js): loads a model, predicts over the table it
 * was given, posts progress and the result back. See workerClient.ts for the other side.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { OnnxModel } from './onnxRunner';
import type { WorkerReply, WorkerRequest } from './workerProtocol';

async function main(port: NonNullable<typeof parentPort>, req: WorkerRequest): Promise<void> {
  const post = (msg: WorkerReply, transfer: ArrayBuffer[] = []) => port.postMessage(msg, transfer);
  try {
    const model = await OnnxModel.load(req.modelPath);
    try {
      let lastPost = 0;
      const prediction = await model.predict(req.table, req.features, {
        task: req.task,
        output: req.output,
        outputKind: req.outputKind,
        batchSize: req.batchSize,
        onProgress: (fraction) => {
          // A message per batch is cheap, but no need to flood the host with them.
          const now = Date.now();
          if (now - lastPost < 50 && fraction < 1) return;
          lastPost = now;
          post({ type: 'progress', fraction });
        },
      });
      const transfer = [prediction.proba?.buffer, prediction.values?.buffer].filter((b): b is ArrayBuffer => b instanceof ArrayBuffer);
      post({ type: 'result', card: model.card, prediction }, transfer);
    } finally {
      await model.dispose();
    }
  } catch (err) {
    const e = err as Error;
    post({ type: 'error', name: e?.name ?? 'Error', message: e?.message ?? String(err) });
  }
}

if (parentPort) void main(parentPort, workerData as WorkerRequest);
