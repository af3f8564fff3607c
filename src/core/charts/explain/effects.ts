/**
 * Feature-effect charts: partial dependence with ICE lines and quantile ticks, the 2-D partial
 * dependence heatmap, and accumulated local effects.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { AleResult, ExplainSpace, PdpResult } from '../../explain/types';
import { containerSized, CHART_HEIGHT, VEGA_LITE_SCHEMA } from '../common';
import { formatNumber } from '../format';
import type { ChartEntry } from '../types';
import { outputTitle, slug } from './common';

/** Quantile ticks along the bottom of the plot (the grid is built from quantiles). */
function rugLayer(values: number[], height: number) {
  return {
    data: { values: values.map((v) => ({ at: v })) },
    mark: { type: 'rule' as const, opacity: 0.6, tooltip: true },
    encoding: {
      x: { field: 'at', type: 'quantitative' as const },
      y: { value: height - 8 },
      y2: { value: height },
      tooltip: [{ field: 'at', type: 'quantitative' as const, title: 'Grid value', format: '.4~g' }],
    },
  };
}

/** 1-D partial dependence (thick line) over thin, transparent ICE lines, with quantile ticks. */
export function pdpChart(result: PdpResult, space: ExplainSpace = 'probability'): ChartEntry {
  const name = result.features[0];
  const grid = result.grid[0];
  const pd = grid.map((x, i) => ({ x, y: result.average[i] }));
  const ice = (result.ice ?? []).flatMap((line, l) => grid.map((x, i) => ({ line: l, x, y: line[i] })));
  const title = outputTitle(result.class, space);
  const height = CHART_HEIGHT;
  const spec: TopLevelSpec = {
    $schema: VEGA_LITE_SCHEMA,
    description: `Partial dependence of ${title} on ${name} (thick line), with ${result.ice?.length ?? 0} individual (ICE) curves; ticks mark the grid quantiles.`,
    ...containerSized(height),
    layer: [
      {
        data: { values: ice },
        mark: { type: 'line', strokeWidth: 1, opacity: 0.15 },
        encoding: { x: { field: 'x', type: 'quantitative', title: name, scale: { zero: false } }, y: { field: 'y', type: 'quantitative', title }, detail: { field: 'line', type: 'nominal' } },
      },
      {
        data: { values: pd },
        mark: { type: 'line', strokeWidth: 3, point: true, tooltip: true },
        encoding: {
          x: { field: 'x', type: 'quantitative' },
          y: { field: 'y', type: 'quantitative' },
          tooltip: [{ field: 'x', type: 'quantitative', title: name, format: '.4~g' }, { field: 'y', type: 'quantitative', title: `Mean ${title}`, format: '.4~g' }],
        },
      },
      rugLayer(grid, height),
    ],
  };
  const ys = result.average;
  return {
    id: `pdp-${slug(name)}`,
    title: `Partial dependence: ${name}`,
    summary: `Mean ${title} ranges from ${formatNumber(Math.min(...ys))} to ${formatNumber(Math.max(...ys))} as ${name} goes from ${formatNumber(grid[0])} to ${formatNumber(grid[grid.length - 1])}`,
    spec,
    table: { columns: [name, `Mean ${title}`], rows: pd.map((p) => [p.x, p.y]) },
  };
}

/** 2-D partial dependence as a heatmap over the two features' quantile grids. */
export function pdp2dChart(result: PdpResult, space: ExplainSpace = 'probability'): ChartEntry {
  const [a, b] = result.features;
  const [ga, gb] = result.grid;
  const cells = ga.flatMap((x, i) => gb.map((y, j) => ({ a: x, b: y, pd: result.average[i * gb.length + j] })));
  const title = outputTitle(result.class, space);
  const spec: TopLevelSpec = {
    $schema: VEGA_LITE_SCHEMA,
    description: `Partial dependence of ${title} on ${a} and ${b} together; colour is the mean prediction.`,
    data: { values: cells },
    ...containerSized(Math.max(240, gb.length * 18)),
    mark: { type: 'rect', tooltip: true },
    encoding: {
      x: { field: 'a', type: 'ordinal', title: a, axis: { format: '.3~g', labelAngle: -45 } },
      y: { field: 'b', type: 'ordinal', title: b, sort: 'descending', axis: { format: '.3~g' } },
      color: { field: 'pd', type: 'quantitative', title: `Mean ${title}`, scale: { scheme: 'viridis' } },
      tooltip: [
        { field: 'a', type: 'quantitative', title: a, format: '.4~g' },
        { field: 'b', type: 'quantitative', title: b, format: '.4~g' },
        { field: 'pd', type: 'quantitative', title: `Mean ${title}`, format: '.4~g' },
      ],
    },
  };
  const pds = cells.map((c) => c.pd);
  return {
    id: `pdp-${slug(a)}-${slug(b)}`,
    title: `Partial dependence: ${a} × ${b}`,
    summary: `Mean ${title} ranges from ${formatNumber(Math.min(...pds))} to ${formatNumber(Math.max(...pds))} over the ${ga.length} × ${gb.length} grid`,
    spec,
    table: { columns: [a, b, `Mean ${title}`], rows: cells.map((c) => [c.a, c.b, c.pd]) },
  };
}

/** Accumulated local effect of one feature (centred), with ticks at the bin edges. */
export function aleChart(result: AleResult, space: ExplainSpace = 'probability'): ChartEntry {
  const points = result.edges.map((x, i) => ({ x, effect: result.effect[i] }));
  const title = outputTitle(result.class, space);
  const height = CHART_HEIGHT;
  const spec: TopLevelSpec = {
    $schema: VEGA_LITE_SCHEMA,
    description: `Accumulated local effect of ${result.feature} on ${title}, centred to average zero; ticks mark the quantile bin edges.`,
    ...containerSized(height),
    layer: [
      {
        data: { values: points },
        mark: { type: 'line', strokeWidth: 2, point: true, tooltip: true },
        encoding: {
          x: { field: 'x', type: 'quantitative', title: result.feature, scale: { zero: false } },
          y: { field: 'effect', type: 'quantitative', title: `Effect on ${title} (centred)` },
          tooltip: [{ field: 'x', type: 'quantitative', title: result.feature, format: '.4~g' }, { field: 'effect', type: 'quantitative', title: 'ALE', format: '+.4~g' }],
        },
      },
      rugLayer(result.edges, height),
    ],
  };
  const e = result.effect;
  return {
    id: `ale-${slug(result.feature)}`,
    title: `Accumulated local effects: ${result.feature}`,
    summary: `Effect on ${title} spans ${formatNumber(Math.max(...e) - Math.min(...e))} across ${result.feature}'s range`,
    spec,
    table: { columns: [result.feature, 'ALE'], rows: points.map((p) => [p.x, p.effect]) },
  };
}
