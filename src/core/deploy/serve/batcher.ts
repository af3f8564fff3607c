/**
 * Dynamic batching: requests for one model that arrive close together are stacked along the
 * batch axis into a single session.run, and the outputs are sliced back per request.
 *
 * Policy: a request that reaches an idle model runs in the same turn of the event loop, after
 * the other requests that arrived in that turn (setImmediate), so one client never waits for a
 * batching window. It waits (at most `maxDelayMs`) only when the server has announced more
 * requests for the model whose bodies are still being read ({@link Batcher.expect}); the last
 * of them to arrive starts the run. While a run is in flight new requests queue up and go
 * together as soon as it finishes, so under load batches grow by themselves. onnxruntime-node's
 * session.run holds the event loop while it computes, so the requests that came in meanwhile
 * are all parsed in the next turn and meet in the queue.
 */
import type { RunTensor, ServedModel } from './model';
import type { ValidRequest } from './validate';

/** Outputs of one request, by name. */
export type RequestOutputs = Record<string, RunTensor>;

/** Options of {@link Batcher}. */
export interface BatcherOptions {
  /** Most rows per session.run; 1 (or a model without a dynamic batch axis) runs every request alone. */
  maxBatch: number;
  /** Longest wait of a queued request for announced requests still being read, ms. */
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
  private immediate?: NodeJS.Immediate;
  private running = false;
  /** Requests announced with expect() and not yet submitted or withdrawn. */
  private arriving = 0;

  constructor(private readonly model: ServedModel, private readonly opts: BatcherOptions) {}

  /** True when requests go through the queue (batching on and the model has a batch axis). */
  get batching(): boolean {
    return this.opts.maxBatch > 1 && this.model.batchable;
  }

  /** Announces a request whose body is being read; follow with `submit(req, true)` or {@link withdraw}. */
  expect(): void {
    if (this.batching) this.arriving++;
  }

  /** The announced request will not come (bad body, validation error, closed socket). */
  withdraw(): void {
    if (this.arriving === 0) return;
    this.arriving--;
    if (this.arriving === 0 && this.timer) this.flush();
  }

  /** Runs a validated request, batched with others when possible; `announced` after {@link expect}. */
  submit(req: ValidRequest, announced = false): Promise<RequestOutputs> {
    if (!this.batching) return this.runAlone(req);
    if (announced && this.arriving > 0) this.arriving--;
    return new Promise<RequestOutputs>((resolve, reject) => {
      // Only requests whose non-batch dimensions agree can be stacked.
      this.queue.push({ req, key: stackKey(req), resolve, reject });
      if (this.running) return;
      if (this.queuedRows(this.queue[0].key) >= this.opts.maxBatch) this.flush();
      else if (this.arriving === 0 || this.opts.maxDelayMs === 0) this.flushSoon();
      else this.timer ??= setTimeout(() => this.flush(), this.opts.maxDelayMs);
    });
  }

  private queuedRows(key: string): number {
    let rows = 0;
    for (const p of this.queue) if (p.key === key) rows += p.req.rows;
    return rows;
  }

  /** Flushes after the I/O callbacks of this turn, so requests parsed in the same turn share the run. */
  private flushSoon(): void {
    this.immediate ??= setImmediate(() => this.flush());
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.immediate) clearImmediate(this.immediate);
    this.timer = undefined;
    this.immediate = undefined;
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
    if (this.queue.length === 1) {
      this.queue = [];
      return [first];
    }
    const batch: Pending[] = [first];
    let rows = first.req.rows;
    const rest: Pending[] = [];
    for (let i = 1; i < this.queue.length; i++) {
      const p = this.queue[i];
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

  /** Stops waiting; queued requests run now. */
  drain(): void {
    if (this.timer || this.immediate) this.flush();
  }
}

/** Requests stack only when every input agrees on the dimensions after the first. */
function stackKey(req: ValidRequest): string {
  let key = '';
  for (const name in req.inputs) {
    const dims = req.inputs[name].dims;
    for (let k = 1; k < dims.length; k++) key += dims[k] + 'x';
    key += '|';
  }
  return key;
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
