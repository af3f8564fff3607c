/**
 * The host's side of the model server worker (dist/serveWorker.js): starts it, waits for its
 * URL, relays finished requests, and closes it. The server and onnxruntime live in the worker,
 * so inference never runs on the extension host's thread.
 */
import * as net from 'node:net';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ServeWorkerData, ServeWorkerEvent } from '../../core/deploy/serveWorker';
import type { RequestEvent, V2ModelMetadata } from '../../core/deploy/serve/types';
import { PosthocError } from '../../core/errors';
import { startWorker, workerScript } from '../../core/workers/runWorker';
import { rebuildError } from '../../core/workers/workerErrors';

/** How long `close()` waits for in-flight requests before terminating the worker. */
const CLOSE_TIMEOUT_MS = 8_000;

/** A running server in its worker thread. Create with {@link ServeSession.start}. */
export class ServeSession {
  private readonly listeners = new Set<(e: RequestEvent) => void>();
  private closing: Promise<void> | undefined;
  /** Requests answered so far (the status bar's tooltip shows it). */
  requests = 0;

  private constructor(
    private readonly worker: Worker,
    readonly url: string,
    readonly port: number,
    readonly models: V2ModelMetadata[],
    /** Called once if the worker dies without being asked to close. */
    private readonly onExit: (message: string) => void,
  ) {
    worker.on('message', (m: ServeWorkerEvent) => {
      if (m.type !== 'request') return;
      this.requests++;
      for (const l of this.listeners) l(m.event);
    });
    worker.on('exit', (code) => {
      if (!this.closing) this.onExit(`the worker exited (code ${code})`);
    });
    worker.on('error', (err) => {
      if (!this.closing) this.onExit(err.message);
    });
  }

  /** Starts the worker and resolves once the server listens; rejects with the server's error. */
  static start(data: ServeWorkerData, warn: (message: string) => void, onExit: (message: string) => void): Promise<ServeSession> {
    const script = workerScript(path.join(__dirname, '..', '..', 'core', 'deploy'), 'serveWorker');
    const worker = startWorker(script, data);
    return new Promise<ServeSession>((resolve, reject) => {
      let settled = false;
      const onMessage = (m: ServeWorkerEvent) => {
        if (m.type === 'warning') return warn(m.message);
        if (settled) return;
        if (m.type === 'started') {
          settled = true;
          worker.off('message', onMessage);
          worker.on('message', (x: ServeWorkerEvent) => x.type === 'warning' && warn(x.message));
          resolve(new ServeSession(worker, m.url, m.port, m.models, onExit));
        } else if (m.type === 'error') {
          settled = true;
          void worker.terminate();
          reject(rebuildError(m));
        }
      };
      worker.on('message', onMessage);
      const fail = (message: string) => {
        if (settled) return;
        settled = true;
        reject(new PosthocError(message, 'worker'));
      };
      worker.once('error', (err) => fail(`the model server worker failed: ${err.message}`));
      worker.once('exit', (code) => fail(`the model server worker stopped (exit code ${code}).`));
    });
  }

  /** Subscribes to finished requests; returns the unsubscribe function. */
  onRequest(listener: (e: RequestEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Closes the server (in-flight requests finish), then the worker. Safe to call twice. */
  close(): Promise<void> {
    this.closing ??= new Promise<void>((resolve) => {
      const timer = setTimeout(() => void this.worker.terminate(), CLOSE_TIMEOUT_MS);
      this.worker.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      this.worker.on('message', (m: ServeWorkerEvent) => {
        if (m.type === 'closed') void this.worker.terminate();
      });
      this.worker.postMessage({ type: 'close' });
    });
    return this.closing;
  }

  /** Ends the worker at once (deactivation: there is no time for a graceful close). */
  terminate(): void {
    this.closing ??= this.worker.terminate().then(() => undefined);
  }
}

/** True when nothing listens on `port` of 127.0.0.1 (checked by binding it briefly). */
export function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, host, () => probe.close(() => resolve(true)));
  });
}

/** The first free port after `port`, trying up to `tries` ports; undefined when none is. */
export async function nextFreePort(port: number, tries = 20): Promise<number | undefined> {
  for (let p = port + 1; p <= Math.min(65535, port + tries); p++) if (await isPortFree(p)) return p;
  return undefined;
}
