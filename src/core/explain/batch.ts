/**
 * Batched model evaluation for the perturbation methods: they build many synthetic rows, so
 * rows are generated straight into one reusable buffer and sent to the model in large calls.
 */
import { ModelError, throwIfAborted } from '../errors';
import type { PredictFn } from './types';

/** Default rows per model call when a method generates synthetic rows. */
export const DEFAULT_CHUNK_ROWS = 100_000;

/** Calls `predict` and checks the result is nRows × k; returns the outputs and k. */
export async function predictChecked(predict: PredictFn, x: Float64Array, nRows: number, signal?: AbortSignal): Promise<{ out: Float64Array; nOutputs: number }> {
  throwIfAborted(signal);
  const out = await predict(x, nRows, signal);
  if (nRows === 0) return { out, nOutputs: 0 };
  const nOutputs = out.length / nRows;
  if (!Number.isInteger(nOutputs) || nOutputs < 1) {
    throw new ModelError(`The model returned ${out.length} values for ${nRows} rows; expected a whole number of outputs per row.`);
  }
  return { out, nOutputs };
}

/** Checks an output index against the model's output count. */
export function checkOutput(output: number, nOutputs: number, names: readonly string[]): void {
  if (!Number.isInteger(output) || output < 0 || output >= nOutputs) {
    throw new ModelError(`Output index ${output} is out of range: the model returns ${nOutputs} output(s) (${names.join(', ')}).`);
  }
}

/** Options of {@link evaluateBlocks}. */
export interface BlockOptions {
  /** Rows per model call (at least one block per call). Default {@link DEFAULT_CHUNK_ROWS}. */
  chunkRows?: number;
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
}

/**
 * Evaluates `nBlocks` blocks of `blockRows` synthetic rows each. `fill(block, dst)` writes
 * block's rows into `dst` (blockRows × nCols); `consume(block, out, nOutputs)` receives that
 * block's predictions (blockRows × nOutputs, a view valid only during the call).
 */
export async function evaluateBlocks(
  predict: PredictFn,
  nCols: number,
  nBlocks: number,
  blockRows: number,
  fill: (block: number, dst: Float64Array) => void,
  consume: (block: number, out: Float64Array, nOutputs: number) => void,
  opts: BlockOptions = {},
): Promise<void> {
  const perCall = Math.max(1, Math.min(nBlocks, Math.floor((opts.chunkRows ?? DEFAULT_CHUNK_ROWS) / Math.max(1, blockRows))));
  const blockSize = blockRows * nCols;
  // Two buffers: the next chunk is generated while the model works on the current one (a model
  // whose predict runs off the main thread, like onnxruntime, then hides the generation cost).
  // At most one predict call is in flight.
  const buffers = [new Float64Array(perCall * blockSize), nBlocks > perCall ? new Float64Array(perCall * blockSize) : new Float64Array(0)];
  const fillChunk = (start: number, buffer: Float64Array): number => {
    throwIfAborted(opts.signal);
    const count = Math.min(perCall, nBlocks - start);
    for (let b = 0; b < count; b++) fill(start + b, buffer.subarray(b * blockSize, (b + 1) * blockSize));
    return count;
  };
  const run = (buffer: Float64Array, count: number): Promise<{ out: Float64Array; nOutputs: number }> => {
    const pending = predictChecked(predict, buffer.subarray(0, count * blockRows * nCols), count * blockRows, opts.signal);
    // Marks the promise handled: it is awaited only after the next chunk is generated.
    pending.catch(() => undefined);
    return pending;
  };
  if (nBlocks === 0) return;
  let count = fillChunk(0, buffers[0]);
  let pending = run(buffers[0], count);
  for (let start = 0, turn = 1; start < nBlocks; turn++) {
    const nextStart = start + count;
    const nextCount = nextStart < nBlocks ? fillChunk(nextStart, buffers[turn % 2]) : 0;
    const { out, nOutputs } = await pending;
    for (let b = 0; b < count; b++) consume(start + b, out.subarray(b * blockRows * nOutputs, (b + 1) * blockRows * nOutputs), nOutputs);
    opts.onProgress?.(nextStart / nBlocks);
    if (nextCount > 0) pending = run(buffers[turn % 2], nextCount);
    start = nextStart;
    count = nextCount;
  }
}
