/** What an evaluation is asked to do, with every default in one place. */
import type { PreprocessSpec } from '../images/preprocess';
import type { OutputKind, Task } from './types';

export interface EvaluateOptions {
  /** Path of the model file (.onnx). */
  model: string;
  /** Path of the dataset (.csv, .tsv, .parquet, .jsonl). */
  data: string;
  /** Label column; guessed from names like target/label/y/class when absent. */
  label?: string;
  /** Feature columns in the model's order; default: every other column in file order. */
  features?: string[];
  /** Optional sample-weight column, used by every metric. */
  weight?: string;
  task?: Task;
  /** Decision threshold on P(positive) for binary tasks. */
  threshold?: number;
  /** Positive class name for binary tasks; default: the second class. */
  positiveClass?: string;
  /** Model output to read; default: detected. */
  output?: string;
  outputKind?: OutputKind;
  /** Class names in the model's score order, when the model does not carry them. */
  classes?: string[];
  /** Bootstrap resamples for confidence intervals; 0 turns them off. */
  bootstrap?: number;
  seed?: number;
  /** Read at most this many rows (0: all). */
  maxRows?: number;
  batchSize?: number;
  /** Evaluate only the rows of this cohort (a named filter, see src/core/cohorts). */
  cohort?: { name: string; expression: string };
  /** Image datasets (a class-per-subfolder folder, or a listing of image paths): preprocessing;
   * what is left out is read off the model's input (see src/core/images/spec.ts). */
  preprocess?: Partial<PreprocessSpec>;
  /** Image listings: the column of image paths (default: guessed). */
  pathColumn?: string;
  /** Image datasets: worker threads decoding images (default: see decodeWorkerCount). */
  decodeWorkers?: number;
  /** Tabular datasets: how many rows to list for inspection (most confident mistakes, largest residuals); 0 turns it off. */
  rowsToInspect?: number;
}

/** Progress and cancellation for long work. */
export interface WorkHooks {
  signal?: AbortSignal;
  onProgress?: (message: string, fraction?: number) => void;
}

export const EVALUATE_DEFAULTS = {
  threshold: 0.5,
  bootstrap: 1000,
  seed: 0,
  maxRows: 0,
  batchSize: 4096,
  confidence: 0.95,
  rowsToInspect: 10,
} as const;
