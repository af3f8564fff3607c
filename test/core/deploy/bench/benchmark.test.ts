// benchmarkModel on real models with onnxruntime: sane numbers, memory fields, inputs of the
// declared types; and the charts/report built from a result.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import type { TopLevelSpec } from 'vega-lite';
import { benchCharts } from '../../../../src/core/charts/latency';
import { vscodeThemeConfig } from '../../../../src/core/charts/theme';
import { benchmarkModel } from '../../../../src/core/deploy/bench/benchmark';
import { randomFeeds, seededRandom, tableFeeds } from '../../../../src/core/deploy/bench/inputs';
import type { BenchResult } from '../../../../src/core/deploy/bench/types';
import { ModelError, UsageError } from '../../../../src/core/errors';
import { renderMarkdown } from '../../../../src/core/report/markdown';
import { buildBenchReport } from '../../../../src/core/report/benchReport';

const ROOT = path.join(__dirname, '../../../..');
const EXAMPLE = path.join(ROOT, 'examples/breast-cancer/model.onnx');
const MODELS = path.join(ROOT, 'test/fixtures/models');

let compile: typeof import('vega-lite').compile;
let example: BenchResult;
before(async () => {
  ({ compile } = await import('vega-lite'));
  example = await benchmarkModel({ model: EXAMPLE, batchSizes: [1, 8, 32, 128], iterations: 40, warmup: 5, threads: 1 });
});

function sane(r: BenchResult) {
  for (const b of r.batches) {
    const l = b.latency_ms;
    assert.ok(l.min > 0 && l.min <= l.p50 && l.p50 <= l.p90 && l.p90 <= l.p99 && l.p99 <= l.max, `batch ${b.batch_size}: ${JSON.stringify(l)}`);
    assert.ok(b.throughput_rows_per_s > 0 && b.calls_per_s > 0 && b.total_seconds > 0);
    assert.ok(Math.abs(b.throughput_rows_per_s - b.batch_size * b.calls_per_s) < 1e-6 * b.throughput_rows_per_s);
    assert.ok(b.peak_rss_bytes > 0);
  }
}

describe('benchmarkModel', () => {
  it('measures every batch size of the breast-cancer example with sane numbers', () => {
    assert.deepEqual(example.batches.map((b) => b.batch_size), [1, 8, 32, 128]);
    assert.ok(example.batches.every((b) => b.iterations === 40 && b.warmup === 5));
    sane(example);
    assert.deepEqual(example.input_shapes['32'], { input: [32, 30] });
    assert.equal(example.settings.threads, 1);
    assert.equal(example.settings.mode, 'iterations');
  });

  it('reports memory before and after load and the peak during the run', () => {
    const m = example.memory;
    for (const k of ['rss_before_load', 'rss_after_load', 'peak_rss_during_run', 'max_rss_process', 'heap_used_after_load'] as const) {
      assert.ok(Number.isFinite(m[k]) && m[k] > 0, `${k} = ${m[k]}`);
    }
    assert.ok(m.peak_rss_during_run >= m.rss_after_load);
    assert.ok(m.max_rss_process >= m.peak_rss_during_run * 0.99, 'the OS lifetime peak is at least what we sampled');
    assert.equal(m.load_delta, m.rss_after_load - m.rss_before_load);
  });

  it('runs for about --seconds when no iteration count is given', async () => {
    const r = await benchmarkModel({ model: EXAMPLE, batchSizes: [8], seconds: 0.2, warmup: 2 });
    sane(r);
    assert.ok(r.batches[0].total_seconds >= 0.2 && r.batches[0].total_seconds < 1.5, String(r.batches[0].total_seconds));
    assert.equal(r.settings.threads, 'default');
  });

  it('feeds string inputs with the encoder categories (multi-input model)', async () => {
    const r = await benchmarkModel({ model: path.join(MODELS, 'multi_input.onnx'), batchSizes: [1, 16], iterations: 10, warmup: 1 });
    sane(r);
    assert.deepEqual(r.input_shapes['16'], { age: [16, 1], income: [16, 1], city: [16, 1] });
  });

  it('feeds rows of a table, repeating them for batches larger than the table', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'posthoc-bench-'));
    const csv = path.join(dir, 'rows.csv');
    writeFileSync(csv, 'age,income,city,target\n77,47.5,oslo,1\n58,35.7,lima,0\n63,48.1,paris,1\n');
    try {
      const r = await benchmarkModel({ model: path.join(MODELS, 'multi_input.onnx'), data: csv, batchSizes: [2, 4], iterations: 5, warmup: 0 });
      sane(r);
      assert.match(r.warnings.join(' '), /has 3 rows; larger batches repeat them/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const table = { nRows: 3, columns: [
      { kind: 'number' as const, name: 'age', values: new Float64Array([1, 2, 3]) },
      { kind: 'number' as const, name: 'income', values: new Float64Array([4, 5, 6]) },
      { kind: 'string' as const, name: 'city', values: ['oslo', 'lima', 'paris'] },
    ] };
    const inputs = [
      { name: 'age', type: 'float', shape: ['N', 1] }, { name: 'income', type: 'float', shape: ['N', 1] }, { name: 'city', type: 'string', shape: ['N', 1] },
    ];
    const feeds = tableFeeds(inputs, table, ['age', 'income', 'city'], 7);
    assert.deepEqual(feeds.city.dims, [7, 1]);
    assert.deepEqual(feeds.city.data, ['oslo', 'lima', 'paris', 'oslo', 'lima', 'paris', 'oslo']);
    assert.deepEqual(Array.from(feeds.age.data as Float32Array), [1, 2, 3, 1, 2, 3, 1]);
  });

  it('benchmarks the breast-cancer example from its test.csv', async () => {
    const r = await benchmarkModel({ model: EXAMPLE, data: path.join(ROOT, 'examples/breast-cancer/test.csv'), batchSizes: [1, 64], iterations: 10, warmup: 1 });
    sane(r);
    assert.match(r.inputs_from, /test\.csv$/);
  });

  it('measures only the batch size a fixed-batch model allows, with a warning', async () => {
    const r = await benchmarkModel({ model: path.join(MODELS, 'batch1.onnx'), iterations: 5, warmup: 0 });
    assert.deepEqual(r.batches.map((b) => b.batch_size), [1]);
    assert.match(r.warnings.join(' '), /fixes the batch size at 1/);
  });

  it('rejects bad options and bad models with typed errors', async () => {
    await assert.rejects(benchmarkModel({ model: EXAMPLE, batchSizes: [0] }), UsageError);
    await assert.rejects(benchmarkModel({ model: EXAMPLE, warmup: -1 }), UsageError);
    await assert.rejects(benchmarkModel({ model: EXAMPLE, shapes: { nope: [3] } }), UsageError);
    await assert.rejects(benchmarkModel({ model: path.join(MODELS, 'not_onnx.onnx') }), ModelError);
    await assert.rejects(benchmarkModel({ model: path.join(MODELS, 'missing.onnx') }), /not found/);
  });

  it('makes random inputs of the declared element types, repeatably', () => {
    const inputs = [
      { name: 'a', type: 'int64', shape: ['N', 2] }, { name: 'b', type: 'bool', shape: ['N'] }, { name: 'c', type: 'double', shape: [null, 3] },
    ];
    const f = randomFeeds(inputs, 4, { seed: 7 });
    assert.ok(f.a.data instanceof BigInt64Array && f.a.data.length === 8);
    assert.ok(f.b.data instanceof Uint8Array && f.b.type === 'bool');
    assert.ok(f.c.data instanceof Float64Array && f.c.data.every((v) => v >= 0 && v < 1));
    assert.deepEqual(randomFeeds(inputs, 4, { seed: 7 }).c.data, f.c.data);
    const r = seededRandom(1);
    assert.notEqual(r(), r());
  });
});

describe('benchmark charts and report', () => {
  it('compiles both charts with vega-lite without warnings, inline data and tooltips', () => {
    const charts = benchCharts(example);
    assert.deepEqual(charts.map((c) => c.id), ['latency-percentiles', 'throughput']);
    for (const chart of charts) {
      const messages: string[] = [];
      const record = (...args: readonly unknown[]) => { messages.push(args.map(String).join(' ')); };
      let level = 0;
      const logger = { level(l?: number) { if (l === undefined) return level; level = l; return this; }, error: record, warn: record, info() { return logger; }, debug() { return logger; } };
      const out = compile(chart.spec as TopLevelSpec, { logger: logger as never, config: vscodeThemeConfig('dark') });
      assert.deepEqual(messages, [], chart.id);
      assert.ok(out.spec.marks && out.spec.marks.length > 0);
      const json = JSON.stringify(chart.spec);
      assert.ok(!/"url"\s*:/.test(json) && json.includes('"tooltip"'));
      assert.equal((chart.spec as { width?: unknown }).width, 'container');
      for (const row of chart.table.rows) assert.equal(row.length, chart.table.columns.length);
    }
    assert.equal(charts[0].table.rows.length, 4);
  });

  it('builds a report with summary, charts and the per-batch table', () => {
    const report = buildBenchReport(example);
    assert.deepEqual(report.sections.map((s) => s.kind), ['summary', 'charts', 'tables']);
    const md = renderMarkdown(report);
    assert.match(md, /Benchmark: model\.onnx/);
    assert.match(md, /numpy's default/);
    assert.match(md, /Peak RSS/);
  });
});
