/**
 * SHAP charts about single rows and single features: the waterfall of one row (base value →
 * contributions → output) and the dependence scatter of the top feature.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { AttributionResult } from '../../explain/types';
import { containerSized, VEGA_LITE_SCHEMA } from '../common';
import { formatNumber } from '../format';
import type { ChartEntry } from '../types';
import { bandHeight, featureWithValue, numeric, outputTitle, pearson, rankByMeanAbs, SIGN_COLORS } from './common';

/** Contributions drawn one by one in a waterfall; smaller ones are summed into "N other features". */
const WATERFALL_STEPS = 12;

/**
 * Waterfall of row `index` (position in `result.rows`): from the base value, each feature's
 * contribution (largest |SHAP| first) moves the running total until it reaches the output.
 */
export function shapWaterfallChart(result: AttributionResult, index = 0): ChartEntry {
  const phi = result.values[index] ?? [];
  const base = result.base_values[index] ?? 0;
  const order = phi.map((_, j) => j).sort((a, b) => Math.abs(phi[b]) - Math.abs(phi[a]) || a - b);
  const shown = order.slice(0, WATERFALL_STEPS);
  const rest = order.slice(WATERFALL_STEPS);
  const steps = shown.map((j) => ({ label: featureWithValue(result.feature_names[j], result.data[index]?.[j]), value: phi[j] }));
  if (rest.length > 0) steps.push({ label: `${rest.length} other features`, value: rest.reduce((s, j) => s + phi[j], 0) });
  let total = base;
  const bars = steps.map((s) => {
    const start = total;
    total += s.value;
    return { label: s.label, start, end: total, value: s.value, sign: s.value >= 0 ? 'increases' : 'decreases' };
  });
  const output = total;
  const row = result.rows[index] ?? index;
  const title = outputTitle(result.class, result.space);
  const spec: TopLevelSpec = {
    $schema: VEGA_LITE_SCHEMA,
    description: `Row ${row}: from the base value ${formatNumber(base)} each feature's SHAP value moves ${title} to ${formatNumber(output)}.`,
    ...containerSized(bandHeight(bars.length + 1, 24)),
    layer: [
      {
        data: { values: bars },
        mark: { type: 'bar', tooltip: true },
        encoding: {
          y: { field: 'label', type: 'nominal', sort: bars.map((b) => b.label), title: null },
          x: { field: 'start', type: 'quantitative', title, scale: { zero: false } },
          x2: { field: 'end' },
          color: { field: 'sign', type: 'nominal', title: 'Effect', scale: SIGN_COLORS },
          tooltip: [
            { field: 'label', title: 'Feature' },
            { field: 'value', type: 'quantitative', title: 'SHAP', format: '+.4~g' },
            { field: 'end', type: 'quantitative', title: 'Running total', format: '.4~g' },
          ],
        },
      },
      {
        data: { values: [{ at: base, what: 'base value' }, { at: output, what: 'output' }] },
        mark: { type: 'rule', strokeDash: [4, 4], tooltip: true },
        encoding: {
          x: { field: 'at', type: 'quantitative' },
          tooltip: [{ field: 'what', title: 'Line' }, { field: 'at', type: 'quantitative', title: 'Value', format: '.4~g' }],
        },
      },
    ],
  };
  return {
    id: `shap-waterfall-row-${row}`,
    title: `SHAP waterfall, row ${row}`,
    summary: `Row ${row}: base ${formatNumber(base)} + contributions = ${formatNumber(output)} (${title})`,
    spec,
    table: { columns: ['Step', 'SHAP', 'Running total'], rows: [['base value', null, base], ...bars.map((b) => [b.label, b.value, b.end]), ['output', null, output]] },
  };
}

/**
 * The feature that interacts most with `j`, approximately: the one whose values correlate most
 * with what a straight line in x_j leaves unexplained of φ_j. Undefined with one feature.
 */
export function strongestInteraction(result: AttributionResult, j: number): number | undefined {
  const x = result.data.map((r) => numeric(r[j]));
  const y = result.values.map((r) => r[j]);
  const idx = x.map((_, i) => i).filter((i) => Number.isFinite(x[i]));
  const mx = idx.reduce((s, i) => s + x[i], 0) / Math.max(1, idx.length);
  const my = idx.reduce((s, i) => s + y[i], 0) / Math.max(1, idx.length);
  let sxy = 0;
  let sxx = 0;
  for (const i of idx) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
  }
  const slope = sxx > 0 ? sxy / sxx : 0;
  const residual = x.map((v, i) => (Number.isFinite(v) ? y[i] - my - slope * (v - mx) : NaN));
  let best: number | undefined;
  let bestR = -1;
  for (let k = 0; k < result.feature_names.length; k++) {
    if (k === j) continue;
    const r = Math.abs(pearson(result.data.map((row) => numeric(row[k])), residual));
    if (r > bestR) {
      bestR = r;
      best = k;
    }
  }
  return best;
}

/** Dependence scatter of the top feature: its value against its SHAP value, coloured by the most interacting feature. */
export function shapDependenceChart(result: AttributionResult, feature?: number): ChartEntry {
  const j = feature ?? rankByMeanAbs(result.values, result.feature_names.length)[0] ?? 0;
  const k = strongestInteraction(result, j);
  const name = result.feature_names[j];
  const other = k === undefined ? undefined : result.feature_names[k];
  const points = result.values.map((row, r) => ({
    row: result.rows[r],
    value: numeric(result.data[r]?.[j]),
    shap: row[j],
    other: k === undefined ? null : numeric(result.data[r]?.[k]),
  })).filter((p) => Number.isFinite(p.value));
  const colour = other === undefined ? {} : { color: { field: 'other', type: 'quantitative' as const, title: other, scale: { scheme: 'blueorange' } } };
  const spec: TopLevelSpec = {
    $schema: VEGA_LITE_SCHEMA,
    description: `SHAP value of ${name} against its value${other ? `, coloured by ${other} (the feature that best explains the vertical spread)` : ''}.`,
    data: { values: points },
    ...containerSized(300),
    mark: { type: 'circle', size: 40, opacity: 0.8, tooltip: true },
    encoding: {
      x: { field: 'value', type: 'quantitative', title: name, scale: { zero: false } },
      y: { field: 'shap', type: 'quantitative', title: `SHAP value of ${name}` },
      ...colour,
      tooltip: [
        { field: 'row', type: 'quantitative', title: 'Row' },
        { field: 'value', type: 'quantitative', title: name, format: '.4~g' },
        { field: 'shap', type: 'quantitative', title: 'SHAP', format: '.4~g' },
        ...(other ? [{ field: 'other', type: 'quantitative' as const, title: other, format: '.4~g' }] : []),
      ],
    },
  };
  return {
    id: 'shap-dependence',
    title: `SHAP dependence: ${name}`,
    summary: `${points.length} rows; ${name}'s effect${other ? `, coloured by ${other} (strongest approximate interaction)` : ''}`,
    spec,
    table: { columns: ['Row', name, 'SHAP', ...(other ? [other] : [])], rows: points.map((p) => [p.row, p.value, p.shap, ...(other ? [p.other] : [])]) },
  };
}
