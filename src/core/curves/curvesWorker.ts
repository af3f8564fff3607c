/**
 * Long-lived worker behind a training-curves panel. It owns the {@link LogdirTail}, so parsing
 * (the first read of a 1M-point log takes most of a second) and building the report (smoothing
 * every series at every offered weight, about as long again) never run on the extension
 * host's thread. The host sends requests with ids; each gets exactly one reply.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { errorFields } from '../workers/workerErrors';
import { CurvesSession, type CurvesRequest, type CurvesWorkerReply } from './curvesSession';

/** What the worker is started with. */
export interface CurvesWorkerData {
  logdir: string;
}

const port = parentPort;
if (port) {
  const session = new CurvesSession((workerData as CurvesWorkerData).logdir);
  // One request at a time, in arrival order: polls and rebuilds must not interleave.
  let queue: Promise<void> = Promise.resolve();
  port.on('message', (request: CurvesRequest) => {
    queue = queue.then(async () => {
      let reply: CurvesWorkerReply;
      try {
        reply = { id: request.id, ok: true, value: await session.handle(request) };
      } catch (e) {
        reply = { id: request.id, ok: false, ...errorFields(e) };
      }
      port.postMessage(reply);
    });
  });
}
