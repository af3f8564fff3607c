/** Deletion/insertion curves of a saliency map as one Vega-Lite line chart. */
import type { TopLevelSpec } from 'vega-lite';
import { containerSized, VEGA_LITE_SCHEMA } from '../common';
import { formatNumber } from '../format';
import type { ChartEntry } from '../types';
import type { QualityCurve } from '../../saliency/quality';

/** Chart of target probability vs fraction of pixels removed (deletion) or added (insertion). */
export function qualityCurvesChart(deletion: QualityCurve, insertion: QualityCurve, className: string): ChartEntry {
  const rows = [
    ...deletion.fractions.map((f, i) => ({ curve: 'deletion', fraction: f, p: deletion.probabilities[i] })),
    ...insertion.fractions.map((f, i) => ({ curve: 'insertion', fraction: f, p: insertion.probabilities[i] })),
  ];
  const spec: TopLevelSpec = {
    $schema: VEGA_LITE_SCHEMA,
    description: `Probability of ${className} as the most salient pixels are removed (deletion) or added to a blank image (insertion).`,
    data: { values: rows },
    ...containerSized(),
    mark: { type: 'line', point: true, tooltip: true },
    encoding: {
      x: { field: 'fraction', type: 'quantitative', title: 'Fraction of pixels changed', axis: { format: '.0%' } },
      y: { field: 'p', type: 'quantitative', title: `P(${className})`, scale: { domain: [0, 1] } },
      color: { field: 'curve', type: 'nominal', title: 'Curve', scale: { domain: ['deletion', 'insertion'], range: ['#4c78a8', '#e45756'] } },
      tooltip: [
        { field: 'curve', type: 'nominal', title: 'Curve' },
        { field: 'fraction', type: 'quantitative', title: 'Pixels changed', format: '.1%' },
        { field: 'p', type: 'quantitative', title: `P(${className})`, format: '.4~g' },
      ],
    },
  };
  return {
    id: 'saliency-deletion-insertion',
    title: 'Deletion and insertion curves',
    summary: `Deletion AUC ${formatNumber(deletion.auc)} (lower is better), insertion AUC ${formatNumber(insertion.auc)} (higher is better)`,
    spec,
    table: { columns: ['curve', 'fraction', `P(${className})`], rows: rows.map((r) => [r.curve, r.fraction, r.p]) },
  };
}
