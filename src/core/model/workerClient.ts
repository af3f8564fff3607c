/**
 * Runs model load + predict in a worker thread so the caller's thread (the extension host)
 * never blocks on inference. Aborting terminates the worker at once.
 */
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { CancelledError, DataError, ModelError, PosthocError, UsageError } from '../errors';
import type { ModelCard } from '../evaluate/types';
import type { Table } from '../data/table';
import type { Prediction } from './interpretOutput';
import type { WorkerReply, WorkerRequest } from './workerProtocol';

export type { WorkerRequest as PredictInWorkerArgs } from './workerProtocol';

/** Options of {@link predictInWorker}. */
export interface WorkerRunOptions {
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
  /** Worker script to run; default {@link workerScriptPath}(). */
  workerScript?: string;
}

const ERRORS: Record<string, new (message: string) => PosthocError> = { ModelError, DataError, UsageError, CancelledError };

/**
 * Where the worker script is: `worker.js` beside the running bundle (dist/extension.js,
 * dist/cli.js), or `worker.ts` beside this file when running from source under tsx.
 */
export function workerScriptPath(): string {
  return path.join(__dirname, __filename.endsWith('.ts') ? 'worker.ts' : 'worker.js');
}

/** Loads `args.modelPath` and predicts `args.table` in a worker thread. Rejects with the worker's error class. */
export function predictInWorker(args: WorkerRequest, opts: WorkerRunOptions = {}): Promise<{ card: ModelCard; prediction: Prediction }> {
  if (opts.signal?.aborted) return Promise.reject(new CancelledError());
  const worker = startWorker(opts.workerScript ?? workerScriptPath(), { ...args, table: plainTable(args.table) });
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      opts.signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
      fn();
    };
    const onAbort = () => finish(() => reject(new CancelledError()));
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (msg: WorkerReply) => {
      if (msg.type === 'progress') opts.onProgress?.(msg.fraction);
      else if (msg.type === 'result') finish(() => resolve({ card: msg.card, prediction: msg.prediction }));
      else finish(() => reject(rebuildError(msg.name, msg.message)));
    });
    worker.on('error', (err) => finish(() => reject(new ModelError(`The model worker failed: ${err.message}`))));
    // Let a result posted just before exit be delivered first.
    worker.on('exit', (code) =>
      setImmediate(() => finish(() => reject(new ModelError(`The model worker stopped unexpectedly (exit code ${code}).`)))),
    );
  });
}

function startWorker(script: string, request: WorkerRequest): Worker {
  if (!script.endsWith('.ts')) return new Worker(script, { workerData: request });
  // Under tsx (tests, dev) a .ts worker entry is not picked up by tsx's ESM hooks on Node 20;
  // registering tsx's CommonJS hook inside the worker first makes it load.
  const tsx = require.resolve('tsx/cjs', { paths: [__dirname] });
  return new Worker(`require(${JSON.stringify(tsx)}); require(${JSON.stringify(script)});`, { eval: true, workerData: request });
}

/** A structured-clone-safe copy of the table's own data (readers may use classes or getters). */
function plainTable(table: Table): Table {
  return { nRows: table.nRows, columns: table.columns.map((c) => ({ name: c.name, kind: c.kind, values: c.values }) as Table['columns'][number]) };
}

function rebuildError(name: string, message: string): Error {
  const Cls = ERRORS[name];
  if (Cls) return new Cls(message);
  const err = new Error(message);
  err.name = name;
  return err;
}
