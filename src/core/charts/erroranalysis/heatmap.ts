/** The error heat map: a rect per cell coloured by error rate, labelled with its row count. */
import type { TopLevelSpec } from 'vega-lite';
import type { ErrorHeatmap } from '../../erroranalysis/types';
import { VEGA_LITE_SCHEMA, finiteOrNull } from '../common';
import { formatPercent } from '../format';
import type { ChartEntry } from '../types';

/** Heat map of error rate over one or two binned features. */
export function errorHeatmapChart(heatmap: ErrorHeatmap): ChartEntry {
  const [fx, fy] = heatmap.features;
  const values = heatmap.cells.map((c) => ({ x: c.x, y: c.y ?? 'all', size: c.size, errors: c.errors, error_rate: finiteOrNull(c.error_rate), cohort: c.cohort ?? '(other values)' }));
  const maxRate = Math.max(1e-9, ...values.map((v) => v.error_rate ?? 0));
  const tooltip = [
    { field: 'x', title: fx },
    ...(fy ? [{ field: 'y', title: fy }] : []),
    { field: 'size', title: 'Rows', type: 'quantitative' },
    { field: 'errors', title: 'Errors', type: 'quantitative' },
    { field: 'error_rate', title: 'Error rate', type: 'quantitative', format: '.1%' },
  ];
  const x = { field: 'x', type: 'ordinal', title: fx, sort: heatmap.bins[0], axis: { labelAngle: -30 } };
  const y = fy ? { field: 'y', type: 'ordinal', title: fy, sort: heatmap.bins[1] } : { field: 'y', type: 'ordinal', title: null, axis: null };
  const spec = {
    $schema: VEGA_LITE_SCHEMA,
    width: 'container',
    height: fy ? Math.max(160, 36 * heatmap.bins[1].length) : 80,
    autosize: { type: 'fit-x', contains: 'padding' },
    description: `Error rate by ${heatmap.features.join(' and ')}`,
    data: { values },
    layer: [
      {
        mark: { type: 'rect', stroke: 'gray', strokeWidth: 0.5 },
        encoding: { x, y, color: { field: 'error_rate', type: 'quantitative', title: 'Error rate', scale: { scheme: 'orangered', domain: [0, maxRate] }, legend: { format: '.0%' } }, tooltip },
      },
      {
        mark: { type: 'text', fontSize: 11 },
        encoding: {
          x, y,
          text: { field: 'size', type: 'quantitative', format: 'd' },
          color: { condition: { test: `datum.error_rate > ${0.55 * maxRate}`, value: 'white' }, value: 'black' },
          tooltip,
        },
      },
    ],
  } as unknown as TopLevelSpec;
  const worst = values.filter((v) => v.error_rate !== null && v.size > 0).sort((a, b) => b.error_rate! - a.error_rate!)[0];
  return {
    id: 'error-heatmap',
    title: `Error heat map: ${heatmap.features.join(' × ')}`,
    summary: worst ? `Highest error rate ${formatPercent(worst.error_rate!)} where ${fx} ${worst.x}${fy ? ` and ${fy} ${worst.y}` : ''} (${worst.size} rows)` : 'no rows',
    spec,
    table: {
      columns: [fx, ...(fy ? [fy] : []), 'Rows', 'Errors', 'Error rate'],
      rows: values.map((v) => [v.x, ...(fy ? [v.y] : []), v.size, v.errors, v.error_rate]),
    },
  };
}
