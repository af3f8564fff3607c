/**
 * Runs model load + predict in a worker thread so the caller's thread (the extension host)
 * never blocks on inference. Aborting terminates the worker at once.
 */
import type { Table } from '../data/table';
import { runWorker, workerScript } from '../workers/runWorker';
import type { WorkerRequest, WorkerResult } from './workerProtocol';

export type { WorkerRequest as PredictInWorkerArgs } from './workerProtocol';

/** Options of {@link predictInWorker}. */
export interface WorkerRunOptions {
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
  /** Worker script to run; default {@link workerScriptPath}(). */
  workerScript?: string;
}

/** Where the model worker script is (dist/worker.js, or worker.ts beside this file under tsx). */
export function workerScriptPath(): string {
  return workerScript(__dirname, 'worker');
}

/** Loads `args.modelPath` and predicts `args.table` in a worker thread. Rejects with the worker's error class. */
export function predictInWorker(args: WorkerRequest, opts: WorkerRunOptions = {}): Promise<WorkerResult> {
  return runWorker<WorkerResult>(opts.workerScript ?? workerScriptPath(), { ...args, table: plainTable(args.table) }, {
    signal: opts.signal,
    onProgress: (_message, fraction) => {
      if (fraction !== undefined) opts.onProgress?.(fraction);
    },
  });
}

/** A structured-clone-safe copy of the table's own data (readers may use classes or getters). */
function plainTable(table: Table): Table {
  return { nRows: table.nRows, columns: table.columns.map((c) => ({ name: c.name, kind: c.kind, values: c.values }) as Table['columns'][number]) };
}
