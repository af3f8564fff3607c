/**
 * Permutation importance: one bar per feature (the mean drop in the metric when it is shuffled)
 * with an error bar of ± one standard deviation over the repeats.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { PermutationResult } from '../../explain/types';
import { containerSized, VEGA_LITE_SCHEMA } from '../common';
import { formatNumber } from '../format';
import { metricLabel } from '../../report/strings';
import type { ChartEntry } from '../types';
import { bandHeight, MAX_FEATURES_SHOWN } from './common';

/** Bar chart of mean importance with ± std error bars, most important first. */
export function permutationChart(result: PermutationResult): ChartEntry {
  const shown = result.importances.slice(0, MAX_FEATURES_SHOWN);
  const rows = shown.map((imp) => ({ feature: imp.feature, mean: imp.mean, std: imp.std, lo: imp.mean - imp.std, hi: imp.mean + imp.std }));
  const order = rows.map((r) => r.feature);
  const metric = metricLabel(result.metric);
  const tooltip = [
    { field: 'feature', title: 'Feature' },
    { field: 'mean', type: 'quantitative' as const, title: `Mean drop in ${metric}`, format: '.4~g' },
    { field: 'std', type: 'quantitative' as const, title: 'Std over repeats', format: '.3~g' },
  ];
  const spec: TopLevelSpec = {
    $schema: VEGA_LITE_SCHEMA,
    description: `Permutation importance: how much ${metric} drops when each feature is shuffled (${result.n_repeats} repeats); whiskers span ± one standard deviation.`,
    data: { values: rows },
    ...containerSized(bandHeight(rows.length)),
    encoding: { y: { field: 'feature', type: 'nominal', sort: order, title: null } },
    layer: [
      {
        mark: { type: 'bar', tooltip: true },
        encoding: { x: { field: 'mean', type: 'quantitative', title: `Drop in ${metric} when shuffled` }, tooltip },
      },
      {
        mark: { type: 'rule' },
        encoding: { x: { field: 'lo', type: 'quantitative' }, x2: { field: 'hi' }, tooltip },
      },
    ],
  };
  const top = shown[0];
  const more = result.importances.length > shown.length ? ` (top ${shown.length} of ${result.importances.length} shown)` : '';
  return {
    id: 'permutation-importance',
    title: 'Permutation importance',
    summary: top
      ? `Most important: ${top.feature} (${metric} drops by ${formatNumber(top.mean)} ± ${formatNumber(top.std)}; baseline ${formatNumber(result.baseline)})${more}`
      : 'No features',
    spec,
    table: { columns: ['Feature', 'Mean', 'Std', 'Values'], rows: result.importances.map((i) => [i.feature, i.mean, i.std, i.values.map((v) => formatNumber(v)).join(', ')]) },
  };
}
