/** The request {@link predictInWorker} sends to the model worker (as workerData), and its result. */
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

export interface WorkerResult {
  card: ModelCard;
  prediction: Prediction;
}
