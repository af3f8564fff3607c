/**
 * The server's counters, histograms and gauges, rendered in the Prometheus text exposition
 * format (version 0.0.4): `# HELP` and `# TYPE` lines, then one sample per label set; histograms
 * as cumulative `_bucket{le=…}` samples ending with `le="+Inf"`, then `_sum` and `_count`.
 */

type Labels = Record<string, string>;

const escapeLabel = (v: string) => v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
const labelText = (labels: Labels) => {
  const parts = Object.entries(labels).map(([k, v]) => `${k}="${escapeLabel(v)}"`);
  return parts.length ? `{${parts.join(',')}}` : '';
};
const num = (x: number) => (Number.isFinite(x) ? String(x) : x > 0 ? '+Inf' : x < 0 ? '-Inf' : 'NaN');

interface Metric {
  render(): string[];
}

/** A counter or gauge with labels. */
class Scalar implements Metric {
  private readonly values = new Map<string, { labels: Labels; value: number }>();
  constructor(private readonly name: string, private readonly help: string, private readonly type: 'counter' | 'gauge') {}

  inc(labels: Labels, by = 1): void {
    const key = labelText(labels);
    const cur = this.values.get(key);
    if (cur) cur.value += by;
    else this.values.set(key, { labels, value: by });
  }

  set(labels: Labels, value: number): void {
    this.values.set(labelText(labels), { labels, value });
  }

  get(labels: Labels): number {
    return this.values.get(labelText(labels))?.value ?? 0;
  }

  render(): string[] {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} ${this.type}`];
    for (const { labels, value } of this.values.values()) lines.push(`${this.name}${labelText(labels)} ${num(value)}`);
    return lines;
  }
}

/** A histogram with fixed upper bounds. */
class Histogram implements Metric {
  private readonly series = new Map<string, { labels: Labels; counts: number[]; sum: number; count: number }>();
  constructor(private readonly name: string, private readonly help: string, private readonly bounds: number[]) {}

  observe(labels: Labels, value: number): void {
    const key = labelText(labels);
    let s = this.series.get(key);
    if (!s) this.series.set(key, (s = { labels, counts: this.bounds.map(() => 0), sum: 0, count: 0 }));
    // Non-cumulative counts here; render() accumulates.
    const i = this.bounds.findIndex((b) => value <= b);
    if (i >= 0) s.counts[i]++;
    s.sum += value;
    s.count++;
  }

  render(): string[] {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`];
    for (const { labels, counts, sum, count } of this.series.values()) {
      let cumulative = 0;
      this.bounds.forEach((b, i) => {
        cumulative += counts[i];
        lines.push(`${this.name}_bucket${labelText({ ...labels, le: num(b) })} ${cumulative}`);
      });
      lines.push(`${this.name}_bucket${labelText({ ...labels, le: '+Inf' })} ${count}`);
      lines.push(`${this.name}_sum${labelText(labels)} ${num(sum)}`);
      lines.push(`${this.name}_count${labelText(labels)} ${count}`);
    }
    return lines;
  }
}

/** Every metric `posthoc serve` exports at `GET /metrics`. */
export class ServerMetrics {
  readonly requests = new Scalar('posthoc_requests_total', 'HTTP requests by model and status code.', 'counter');
  readonly errors = new Scalar('posthoc_request_errors_total', 'HTTP requests answered with a 4xx or 5xx status, by model and status code.', 'counter');
  readonly latency = new Histogram('posthoc_request_duration_seconds', 'Time from request arrival to response, seconds.', [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]);
  readonly batchSize = new Histogram('posthoc_batch_size', 'Requests served by one session.run (1 = not batched).', [1, 2, 4, 8, 16, 32, 64, 128, 256]);
  readonly sessionRuns = new Scalar('posthoc_session_runs_total', 'onnxruntime session.run calls by model.', 'counter');
  readonly loadSeconds = new Scalar('posthoc_model_load_seconds', 'Time to read the model file and create its onnxruntime session, seconds.', 'gauge');

  /** Records one answered request. `model` is '' for routes that are not about a model. */
  recordRequest(model: string, status: number, seconds: number): void {
    const labels = { model, code: String(status) };
    this.requests.inc(labels);
    if (status >= 400) this.errors.inc(labels);
    this.latency.observe({ model }, seconds);
  }

  /** Records one session.run that served `requests` requests. */
  recordRun(model: string, requests: number): void {
    this.sessionRuns.inc({ model });
    this.batchSize.observe({ model }, requests);
  }

  /** The exposition text, ending with a newline. */
  render(): string {
    const all: Metric[] = [this.requests, this.errors, this.latency, this.batchSize, this.sessionRuns, this.loadSeconds];
    return all.flatMap((m) => m.render()).join('\n') + '\n';
  }
}

/** Content-Type of the Prometheus text format. */
export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';
