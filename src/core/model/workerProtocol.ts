/**
 * Messages between {@link predictInWorker} and the model worker. The request travels as
 * `workerData`; replies are posted back.
 */
import type { ModelCard, OutputKind, Task } from '../evaluate/types';
import type { Table } from '../data/table';
import type { Prediction } from './interpretOutput';

/** Everything the worker needs to load a model and predict a table. */
export interface WorkerRequest {
  modelPath: string;
  table: Table;
  features: string[];
  task: Task;
  output?: string;
  outputKind?: OutputKind;
  batchSize?: number;
}

/** Replies from the worker: any number of progress messages, then one result or one error. */
export type WorkerReply =
  | { type: 'progress'; fraction: number }
  | { type: 'result'; card: ModelCard; prediction: Prediction }
  | { type: 'error'; name: string; message: string };
