/**
 * Worker-thread entry (bundled as dist/worker.js): loads a model and predicts the table it was
 * given. See workerClient.ts for the caller's side.
 */
import { serveWorker } from '../workers/serveWorker';
import { OnnxModel } from './onnxRunner';
import type { WorkerRequest, WorkerResult } from './workerProtocol';

serveWorker<WorkerRequest, WorkerResult>(async (req, ctx) => {
  const model = await OnnxModel.load(req.modelPath);
  try {
    const prediction = await model.predict(req.table, req.features, {
      task: req.task,
      output: req.output,
      outputKind: req.outputKind,
      batchSize: req.batchSize,
      signal: ctx.signal,
      onProgress: (fraction) => ctx.progress(undefined, fraction),
    });
    const transfer = [prediction.proba?.buffer, prediction.values?.buffer].filter((b): b is ArrayBuffer => b instanceof ArrayBuffer);
    return { value: { card: model.card, prediction }, transfer };
  } finally {
    await model.dispose();
  }
});
