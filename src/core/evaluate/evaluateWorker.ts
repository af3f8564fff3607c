/**
 * Worker-thread entry: runs one whole evaluation (read data, run the model, compute metrics)
 * off the caller's thread and posts progress, the result or an error back.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { evaluate } from './evaluate';
import type { EvaluateOptions } from './options';
import type { WorkerMessage } from './workerMessages';

const port = parentPort;
if (port) {
  const controller = new AbortController();
  port.on('message', (m: { type: string }) => {
    if (m.type === 'abort') controller.abort();
  });
  const post = (m: WorkerMessage) => port.postMessage(m);
  evaluate(workerData as EvaluateOptions, {
    signal: controller.signal,
    onProgress: (message, fraction) => post({ type: 'progress', message, fraction }),
  }).then(
    (result) => post({ type: 'result', result }),
    (e: unknown) => {
      const err = e instanceof Error ? e : new Error(String(e));
      post({ type: 'error', name: err.name, message: err.message, stack: err.stack });
    },
  );
}
