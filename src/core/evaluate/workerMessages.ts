/** Messages from the evaluation worker to its caller. */
import type { EvaluationResult } from './types';

export type WorkerMessage =
  | { type: 'progress'; message: string; fraction?: number }
  | { type: 'result'; result: EvaluationResult }
  | { type: 'error'; name: string; message: string; stack?: string };
