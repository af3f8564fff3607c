/** The worst slices as horizontal bars of error rate, with the overall error rate as a rule. */
import type { TopLevelSpec } from 'vega-lite';
import type { SliceFinding } from '../../erroranalysis/types';
import { VEGA_LITE_SCHEMA } from '../common';
import { formatPercent } from '../format';
import type { ChartEntry } from '../types';

/** Bar chart of the reported slices' error rates (best-ranked first); undefined when there are none. */
export function slicesChart(finding: SliceFinding, overallRate: number): ChartEntry | undefined {
  if (finding.slices.length === 0) return undefined;
  const values = finding.slices.map((s, i) => ({
    slice: `${i + 1}. ${s.predicates.join(' and ')}`,
    error_rate: s.error_rate,
    rest: s.rest_error_rate,
    size: s.size,
    errors: s.errors,
    effect: finding.effect === 'cohen_h' ? s.cohen_h : s.difference,
    q_value: s.q_value,
  }));
  const order = values.map((v) => v.slice);
  const spec = {
    $schema: VEGA_LITE_SCHEMA,
    width: 'container',
    height: Math.max(80, 24 * values.length),
    autosize: { type: 'fit-x', contains: 'padding' },
    description: 'Error rate of the worst slices against the overall error rate',
    layer: [
      {
        data: { values },
        mark: { type: 'bar', color: '#e45756' },
        encoding: {
          y: { field: 'slice', type: 'nominal', sort: order, title: null, axis: { labelLimit: 320 } },
          x: { field: 'error_rate', type: 'quantitative', title: 'Error rate', axis: { format: '.0%' }, scale: { domain: [0, Math.max(...values.map((v) => v.error_rate), overallRate)] } },
          tooltip: [
            { field: 'slice', title: 'Slice' },
            { field: 'size', title: 'Rows', type: 'quantitative' },
            { field: 'errors', title: 'Errors', type: 'quantitative' },
            { field: 'error_rate', title: 'Error rate', type: 'quantitative', format: '.1%' },
            { field: 'rest', title: 'Rest of the data', type: 'quantitative', format: '.1%' },
            { field: 'effect', title: finding.effect === 'cohen_h' ? "Cohen's h" : 'Difference', type: 'quantitative', format: '.3f' },
            { field: 'q_value', title: 'q (BH)', type: 'quantitative', format: '.2e' },
          ],
        },
      },
      {
        data: { values: [{ overall: overallRate }] },
        mark: { type: 'rule', strokeDash: [4, 3] },
        encoding: { x: { field: 'overall', type: 'quantitative' }, tooltip: [{ field: 'overall', title: 'Overall error rate', type: 'quantitative', format: '.1%' }] },
      },
    ],
  } as unknown as TopLevelSpec;
  const top = finding.slices[0];
  return {
    id: 'error-slices',
    title: 'Worst slices',
    summary: `${finding.slices.length} slices err significantly more than the rest (BH q ≤ ${finding.alpha}); worst: ${top.predicates.join(' and ')} at ${formatPercent(top.error_rate)} vs ${formatPercent(top.rest_error_rate)}`,
    spec,
    table: { columns: ['Slice', 'Rows', 'Errors', 'Error rate', 'Rest', 'q'], rows: values.map((v) => [v.slice, v.size, v.errors, v.error_rate, v.rest, v.q_value]) },
  };
}
