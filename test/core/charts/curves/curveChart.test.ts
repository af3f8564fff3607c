import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { TopLevelSpec } from 'vega-lite';
import { curveChart, curveCharts, SMOOTHING_CHOICES } from '../../../../src/core/charts/curves';
import { vscodeThemeConfig } from '../../../../src/core/charts';
import { loadRuns, smooth, type ScalarSeries } from '../../../../src/core/curves';
import { LOGDIR } from '../../curves/helpers';

let compile: typeof import('vega-lite').compile;
let vega: typeof import('vega');
let expressionInterpreter: typeof import('vega-interpreter').expressionInterpreter;
before(async () => {
  ({ compile } = await import('vega-lite'));
  vega = await import('vega');
  ({ expressionInterpreter } = await import('vega-interpreter'));
});

function compileStrict(spec: TopLevelSpec) {
  const messages: string[] = [];
  const record = (...args: readonly unknown[]) => { messages.push(args.map(String).join(' ')); };
  let level = 0;
  const logger = {
    level(l?: number) { if (l === undefined) return level; level = l; return this; },
    error: record, warn: record, info() { return logger; }, debug() { return logger; },
  };
  return { vega: compile(spec, { logger: logger as never, config: vscodeThemeConfig('dark') }).spec, messages };
}

function series(n: number, f: (i: number) => number, t0 = 1_700_000_000): ScalarSeries {
  return {
    steps: Float64Array.from({ length: n }, (_, i) => i * 5),
    values: Float64Array.from({ length: n }, (_, i) => f(i)),
    wallTimes: Float64Array.from({ length: n }, (_, i) => t0 + i * 30),
  };
}

describe('curve charts', () => {
  it('one chart per tag from the fixture logdir, all compiling without warnings', async () => {
    const { runs, runNames } = await loadRuns(LOGDIR);
    for (const x of ['step', 'wall'] as const) {
      for (const logY of [false, true]) {
        const charts = curveCharts(runs, { x, logY, runNames });
        assert.deepEqual(charts.map((c) => c.title), ['accuracy', 'loss', 'lr', 'train/acc', 'train_loss', 'val_acc', 'val_accuracy', 'val_loss']);
        for (const c of charts) {
          const { messages, vega: v } = compileStrict(c.spec);
          assert.deepEqual(messages, [], `${c.id}: ${messages.join('; ')}`);
          assert.ok(v.marks && v.marks.length > 0);
          const json = JSON.stringify(c.spec);
          assert.ok(!/"url"\s*:/.test(json));
          assert.ok(json.includes('"tooltip"'));
          assert.equal((c.spec as { width?: unknown }).width, 'container');
          for (const row of c.table.rows) assert.equal(row.length, c.table.columns.length);
        }
      }
    }
    const acc = curveCharts(runs, { runNames }).find((c) => c.title === 'train/acc')!;
    assert.equal(acc.id, 'curve-train-acc');
    assert.ok(acc.table.rows.every((r) => r[0] === 'bright-owl-42'), 'MLflow run name as the label');
  });

  it('one-line summary: last and min with their steps', () => {
    const c = curveChart('loss', new Map([['run', series(5, (i) => [0.5, 0.2, 0.3, 0.1, 0.15][i])]]));
    assert.equal(c.summary, 'loss: last 0.15 at step 20, min 0.1 at step 15, max 0.5 at step 0');
    const multi = curveChart('loss', new Map([['a', series(3, (i) => 1 - i / 10)], ['b', series(3, (i) => 2 - i)]]));
    assert.equal(multi.summary, 'loss, 2 runs: min 0 (b, step 10), max 2 (b, step 0)');
  });

  it('caps drawn points per series and table rows; keeps the extremes as markers', () => {
    const s = series(100_000, (i) => Math.exp(-i / 20_000) + (i === 54_321 ? 5 : 0));
    const c = curveChart('loss', new Map([['r', s]]), { maxTableRows: 300 });
    const layer = (c.spec as unknown as { layer: { data: { values: unknown[] } }[] }).layer;
    assert.ok(layer[0].data.values.length <= 2000);
    assert.ok(c.table.rows.length <= 300);
    assert.deepEqual(layer[1].data.values.map((m) => (m as { kind: string; step: number }).step), [99_999 * 5, 54_321 * 5]);
  });

  it('the smoothing drop-down yields TensorBoard\'s numbers in Vega run like the webview (ast + interpreter)', async () => {
    const s = series(40, (i) => Math.sin(i) + i / 10);
    const c = curveChart('loss', new Map([['r', s]]), { smoothing: 0.75 });
    const runtime = vega.parse(compileStrict(c.spec).vega, undefined, { ast: true });
    const view = new vega.View(runtime, { renderer: 'none', expr: expressionInterpreter });
    await view.runAsync();
    const smoothedNow = (): number[] => {
      const names = Object.keys((view.getState({ data: vega.truthy, signals: vega.falsy }) as { data: Record<string, unknown> }).data);
      const name = names.find((n) => (view.data(n) as { smoothed?: number }[])[0]?.smoothed !== undefined)!;
      return (view.data(name) as { smoothed: number }[]).map((d) => d.smoothed);
    };
    assert.deepEqual(smoothedNow(), [...smooth(s.values, 0.75)]);
    for (const w of SMOOTHING_CHOICES) {
      await view.signal('smoothing', w).runAsync();
      assert.deepEqual(smoothedNow(), [...smooth(s.values, w)], `weight ${w}`);
    }
    view.finalize();
  });
});
