/**
 * Worker-thread entry (bundled as dist/serveWorker.js): runs {@link startServer} off the VS Code
 * extension host's thread, so request parsing and onnxruntime's session.run never hold up the
 * thread every extension shares. Unlike the one-shot workers it lives until told to close:
 *   parent → worker: {@link ServeWorkerCommand} ('close')
 *   worker → parent: {@link ServeWorkerEvent} ('started' once, then 'request' per request; 'closed' or 'error')
 */
import { parentPort, workerData } from 'node:worker_threads';
import { errorFields, type ErrorFields } from '../workers/workerErrors';
import { startServer } from './serve/server';
import type { RequestEvent, RunningServer, ServeOptions, V2ModelMetadata } from './serve/types';

/** What the worker is started with: {@link ServeOptions} without the callback. */
export type ServeWorkerData = Omit<ServeOptions, 'warn'>;

/** Messages the parent sends. */
export type ServeWorkerCommand = { type: 'close' };

/** Messages the worker posts. */
export type ServeWorkerEvent =
  | { type: 'started'; url: string; port: number; models: V2ModelMetadata[] }
  | { type: 'request'; event: RequestEvent }
  | { type: 'warning'; message: string }
  | { type: 'closed' }
  | ({ type: 'error' } & ErrorFields);

function main(): void {
  const port = parentPort;
  if (!port) return;
  const post = (m: ServeWorkerEvent) => port.postMessage(m);
  let server: RunningServer | undefined;
  let closeRequested = false;
  const close = async () => {
    closeRequested = true;
    if (!server) return;
    await server.close();
    post({ type: 'closed' });
    port.close();
  };
  port.on('message', (m: ServeWorkerCommand) => {
    if (m?.type === 'close') void close();
  });
  startServer({ ...(workerData as ServeWorkerData), warn: (message) => post({ type: 'warning', message }) }).then(
    (s) => {
      server = s;
      s.onRequest((event) => post({ type: 'request', event }));
      post({ type: 'started', url: s.url, port: s.port, models: s.models });
      // A close that arrived while the models were loading.
      if (closeRequested) void close();
    },
    (e: unknown) => {
      post({ type: 'error', ...errorFields(e) });
      port.close();
    },
  );
}

main();
