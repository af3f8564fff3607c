/**
 * Dynamic batching: requests for one model that arrive close together are stacked along the
 * batch axis into a single session.run, and the outputs are sliced back per request.
 *
 * Policy: while the model is idle, the first queued request waits at most `maxDelayMs` for
 * company (or until `maxBatch` rows are queued); while a run is in flight, new requests queue up
 * and go together as soon as it finishes. One batched run is in flight per model, so under load
 * batches grow by themselves and at low load a request waits at most `maxDelayMs`.
 */
import type { RunTensor, ServedModel } from './model';
import type { ValidRequest } from './validate';

/** Outputs of one request, by name. */
export type RequestOutputs = Record<string, RunTensor>;

/** Options of {@link Batcher}. */
export interface BatcherOptions {
  /** Most rows per session.run; 1 (or a model without a dynamic batch axis) runs every request alone. */
  maxBatch: number;
  maxDelayMs: number;
  /** Called after every session.run with the number of requests it served. */
  onRun?: (requests: number, rows: number) => void;
}

interface Pending {
  req: ValidRequest;
  key: string;
  resolve(out: RequestOutputs): void;
  reject(err: unknown): void;
}

/** Queues and runs the inference requests of one model. */
export class Batcher {
  private queue: Pending[] = [];
  private timer?: NodeJS.Timeout;
  private running = false;

  constructor(private readonly model: ServedModel, private readonly opts: BatcherOptions) {}

  /** Runs a validated request, batched with others when possible. */
  submit(req: ValidRequest): Promise<RequestOutputs> {
    if (this.opts.maxBatch <= 1 || !this.model.batchable) return this.runAlone(req);
    return new Promise<RequestOutputs>((resolve, reject) => {
      // Only requests whose non-batch dimensions agree can be stacked.
      const key = Object.values(req.inputs).map((t) => t.dims.slice(1).join('x')).join('|');
      this.queue.push({ req, key, resolve, reject });
      if (this.running) return;
      if (this.queuedRows(key) >= this.opts.maxBatch) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.opts.maxDelayMs);
    });
  }

  private queuedRows(key: string): number {
    let rows = 0;
    for (const p of this.queue) if (p.key === key) rows += p.req.rows;
    return rows;
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.running || this.queue.length === 0) return;
    const batch = this.takeBatch();
    this.running = true;
    void this.runBatch(batch).finally(() => {
      this.running = false;
      // Whatever queued meanwhile has already waited a whole run: send it now.
      if (this.queue.length) this.flush();
    });
  }

  /** The oldest request plus the following ones with the same key, up to maxBatch rows. */
  private takeBatch(): Pending[] {
    const first = this.queue[0];
    const batch: Pending[] = [first];
    let rows = first.req.rows;
    const rest: Pending[] = [];
    for (const p of this.queue.slice(1)) {
      if (p.key === first.key && rows + p.req.rows <= this.opts.maxBatch) {
        batch.push(p);
        rows += p.req.rows;
      } else rest.push(p);
    }
    this.queue = rest;
    return batch;
  }

  private async runBatch(batch: Pending[]): Promise<void> {
    if (batch.length === 1) {
      await this.runAlone(batch[0].req).then(batch[0].resolve, batch[0].reject);
      return;
    }
    const reqs = batch.map((p) => p.req);
    const outputs = [...new Set(reqs.flatMap((r) => r.outputs))];
    let split: RequestOutputs[] | undefined;
    try {
      const result = await this.model.run(concatInputs(reqs), outputs);
      this.opts.onRun?.(batch.length, totalRows(reqs));
      split = splitOutputs(result, reqs);
    } catch {
      split = undefined;
    }
    if (split) {
      batch.forEach((p, i) => p.resolve(split[i]));
      return;
    }
    // The batched run failed, or an output has no batch axis: run each request on its own so
    // only a request that fails by itself gets an error.
    for (const p of batch) await this.runAlone(p.req).then(p.resolve, p.reject);
  }

  private async runAlone(req: ValidRequest): Promise<RequestOutputs> {
    const out = await this.model.run(req.inputs, req.outputs);
    this.opts.onRun?.(1, req.rows);
    return out;
  }

  /** Stops the delay timer; queued requests still run. */
  drain(): void {
    if (this.timer) this.flush();
  }
}

const totalRows = (reqs: ValidRequest[]) => reqs.reduce((n, r) => n + r.rows, 0);

/** Stacks each input of `reqs` along axis 0. */
function concatInputs(reqs: ValidRequest[]): Record<string, RunTensor> {
  const feeds: Record<string, RunTensor> = {};
  const rows = totalRows(reqs);
  for (const name of Object.keys(reqs[0].inputs)) {
    const parts = reqs.map((r) => r.inputs[name]);
    feeds[name] = { type: parts[0].type, dims: [rows, ...parts[0].dims.slice(1)], data: concatData(parts.map((p) => p.data)) };
  }
  return feeds;
}

function concatData(parts: ArrayLike<unknown>[]): ArrayLike<unknown> {
  if (Array.isArray(parts[0])) return (parts as unknown[][]).flat();
  const total = parts.reduce((n, p) => n + p.length, 0);
  const Ctor = (parts[0] as Float32Array).constructor as new (n: number) => Float32Array;
  const out = new Ctor(total);
  let offset = 0;
  for (const p of parts) {
    out.set(p as Float32Array, offset);
    offset += p.length;
  }
  return out;
}

/** Slices each output back into per-request pieces; undefined when an output is not batch-aligned. */
function splitOutputs(result: Record<string, RunTensor>, reqs: ValidRequest[]): RequestOutputs[] | undefined {
  const rows = totalRows(reqs);
  for (const t of Object.values(result)) if (t.dims.length === 0 || t.dims[0] !== rows) return undefined;
  let start = 0;
  return reqs.map((r) => {
    const out: RequestOutputs = {};
    for (const name of r.outputs) {
      const t = result[name];
      const width = t.dims.slice(1).reduce((a, d) => a * d, 1);
      const data = t.data as Float32Array;
      out[name] = { type: t.type, dims: [r.rows, ...t.dims.slice(1)], data: data.slice(start * width, (start + r.rows) * width) };
    }
    start += r.rows;
    return out;
  });
}
