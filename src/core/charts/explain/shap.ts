/**
 * SHAP summary charts over the explained rows: the beeswarm (every row's value per feature,
 * coloured by the feature's value) and the bar chart of mean |SHAP|.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { AttributionResult } from '../../explain/types';
import { Rng } from '../../metrics/rng';
import { containerSized, VEGA_LITE_SCHEMA } from '../common';
import { formatNumber } from '../format';
import type { ChartEntry } from '../types';
import { bandHeight, MAX_FEATURES_SHOWN, meanAbs, numeric, outputTitle, rankByMeanAbs } from './common';

/** Feature value scaled to [0, 1] within its column over the explained rows (null when missing or constant → 0.5). */
function normalisedColumn(result: AttributionResult, j: number): (number | null)[] {
  const col = result.data.map((row) => numeric(row[j]));
  const finite = col.filter(Number.isFinite);
  const lo = Math.min(...finite);
  const hi = Math.max(...finite);
  return col.map((v) => (Number.isFinite(v) ? (hi > lo ? (v - lo) / (hi - lo) : 0.5) : null));
}

/**
 * Beeswarm: x = SHAP value, one band per feature sorted by mean |SHAP|, points jittered within
 * the band (seeded, so the picture is stable) and coloured by the feature value, low to high.
 */
export function shapBeeswarmChart(result: AttributionResult): ChartEntry {
  const m = result.feature_names.length;
  const order = rankByMeanAbs(result.values, m).slice(0, MAX_FEATURES_SHOWN);
  const rng = new Rng(1);
  const points: { feature: string; row: number; shap: number; value: number | string | null; colour: number | null; jitter: number }[] = [];
  for (const j of order) {
    const colour = normalisedColumn(result, j);
    result.values.forEach((row, r) => {
      points.push({ feature: result.feature_names[j], row: result.rows[r], shap: row[j], value: result.data[r]?.[j] ?? null, colour: colour[r], jitter: rng.nextFloat() - 0.5 });
    });
  }
  const names = order.map((j) => result.feature_names[j]);
  const spec: TopLevelSpec = {
    $schema: VEGA_LITE_SCHEMA,
    description: `SHAP values of ${result.rows.length} rows for ${outputTitle(result.class, result.space)}; features sorted by mean |SHAP|; colour is the feature value from low (blue) to high (orange).`,
    data: { values: points },
    ...containerSized(bandHeight(names.length, 26)),
    transform: [{ calculate: 'datum.jitter * 16', as: 'offset' }],
    mark: { type: 'circle', size: 28, opacity: 0.8, tooltip: true },
    encoding: {
      y: { field: 'feature', type: 'nominal', sort: names, title: null },
      yOffset: { field: 'offset', type: 'quantitative', scale: { domain: [-13, 13] } },
      x: { field: 'shap', type: 'quantitative', title: `SHAP value (effect on ${outputTitle(result.class, result.space)})` },
      color: { field: 'colour', type: 'quantitative', title: 'Feature value', scale: { scheme: 'blueorange', domain: [0, 1] }, legend: { values: [0, 1], labelExpr: "datum.value === 0 ? 'low' : 'high'" } },
      tooltip: [
        { field: 'feature', title: 'Feature' },
        { field: 'row', type: 'quantitative', title: 'Row' },
        { field: 'value', title: 'Value' },
        { field: 'shap', type: 'quantitative', title: 'SHAP', format: '.4~g' },
      ],
    },
  };
  const top = order[0];
  return {
    id: 'shap-beeswarm',
    title: 'SHAP summary (beeswarm)',
    summary: top === undefined ? 'No features' : `${result.rows.length} rows; largest mean |SHAP|: ${result.feature_names[top]}`,
    spec,
    table: { columns: ['Feature', 'Row', 'Value', 'SHAP'], rows: points.map((p) => [p.feature, p.row, p.value, p.shap]) },
  };
}

/** Bar chart of mean |SHAP| per feature: the global importance the explained rows suggest. */
export function shapBarChart(result: AttributionResult): ChartEntry {
  const m = result.feature_names.length;
  const mean = meanAbs(result.values, m);
  const order = rankByMeanAbs(result.values, m);
  const rows = order.slice(0, MAX_FEATURES_SHOWN).map((j) => ({ feature: result.feature_names[j], mean_abs: mean[j] }));
  const spec: TopLevelSpec = {
    $schema: VEGA_LITE_SCHEMA,
    description: `Mean absolute SHAP value per feature over ${result.rows.length} rows.`,
    data: { values: rows },
    ...containerSized(bandHeight(rows.length)),
    mark: { type: 'bar', tooltip: true },
    encoding: {
      y: { field: 'feature', type: 'nominal', sort: rows.map((r) => r.feature), title: null },
      x: { field: 'mean_abs', type: 'quantitative', title: `mean |SHAP| (${outputTitle(result.class, result.space)})` },
      tooltip: [
        { field: 'feature', title: 'Feature' },
        { field: 'mean_abs', type: 'quantitative', title: 'Mean |SHAP|', format: '.4~g' },
      ],
    },
  };
  const top = order[0];
  return {
    id: 'shap-bar',
    title: 'Mean |SHAP| per feature',
    summary: top === undefined ? 'No features' : `${result.feature_names[top]} has the largest mean |SHAP| (${formatNumber(mean[top])})`,
    spec,
    table: { columns: ['Feature', 'Mean |SHAP|'], rows: order.map((j) => [result.feature_names[j], mean[j]]) },
  };
}
