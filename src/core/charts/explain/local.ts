/**
 * Local surrogate explanations: LIME weights per row (bars labelled with the feature conditions)
 * and Anchors rules, written out as readable IF … THEN sentences and plotted by precision and
 * coverage.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { AnchorExplanation, AnchorsResult, LimeResult } from '../../explain/types';
import { containerSized, VEGA_LITE_SCHEMA } from '../common';
import { formatNumber } from '../format';
import type { ChartEntry } from '../types';
import { bandHeight, SIGN_COLORS } from './common';

/** Weights drawn per LIME chart (the largest by magnitude). */
const LIME_FEATURES = 10;

/** LIME weights of row `index` (position in `result.rows`) as signed bars, labelled by condition. */
export function limeChart(result: LimeResult, index = 0): ChartEntry {
  const w = result.weights[index] ?? [];
  const labels = result.conditions?.[index] ?? result.feature_names;
  const order = w.map((_, j) => j).filter((j) => w[j] !== 0).sort((a, b) => Math.abs(w[b]) - Math.abs(w[a]) || a - b).slice(0, LIME_FEATURES);
  const bars = order.map((j) => ({ condition: labels[j] ?? result.feature_names[j], feature: result.feature_names[j], weight: w[j], sign: w[j] >= 0 ? 'increases' : 'decreases' }));
  const row = result.rows[index] ?? index;
  const spec: TopLevelSpec = {
    $schema: VEGA_LITE_SCHEMA,
    description: `LIME weights for row ${row}: how each condition moves the local surrogate of "${result.class}".`,
    data: { values: bars },
    ...containerSized(bandHeight(bars.length, 24)),
    mark: { type: 'bar', tooltip: true },
    encoding: {
      y: { field: 'condition', type: 'nominal', sort: bars.map((b) => b.condition), title: null },
      x: { field: 'weight', type: 'quantitative', title: `Weight (effect on ${result.class})` },
      color: { field: 'sign', type: 'nominal', title: 'Effect', scale: SIGN_COLORS },
      tooltip: [
        { field: 'condition', title: 'Condition' },
        { field: 'weight', type: 'quantitative', title: 'Weight', format: '+.4~g' },
      ],
    },
  };
  const score = result.score[index];
  return {
    id: `lime-row-${row}`,
    title: `LIME, row ${row}`,
    summary: bars.length ? `Row ${row}: strongest condition ${bars[0].condition} (${formatNumber(bars[0].weight)}); surrogate fit R² ${formatNumber(score)}` : `Row ${row}: no non-zero weights`,
    spec,
    table: { columns: ['Condition', 'Feature', 'Weight'], rows: bars.map((b) => [b.condition, b.feature, b.weight]) },
  };
}

/** "IF a > 1 AND b <= 2 THEN malignant — precision 0.97, coverage 0.21". */
export function anchorSentence(a: AnchorExplanation): string {
  const rule = a.rule.length ? a.rule.join(' AND ') : 'any values';
  return `IF ${rule} THEN ${a.prediction} — precision ${formatNumber(a.precision, 2)}, coverage ${formatNumber(a.coverage, 2)}`;
}

/** Anchors by coverage (x) and precision (y), one point per explained row, the rule in the tooltip. */
export function anchorsChart(result: AnchorsResult): ChartEntry {
  // Precision is a share: a fixed top at 100% keeps a run of perfect rules readable.
  const lowest = Math.min(0.5, ...result.anchors.map((a) => Math.floor(a.precision * 10) / 10));
  const points = result.anchors.map((a) => ({ row: a.row, precision: a.precision, coverage: a.coverage, prediction: a.prediction, rule: a.rule.join(' AND ') || '(empty rule)', size: a.rule.length }));
  const spec: TopLevelSpec = {
    $schema: VEGA_LITE_SCHEMA,
    description: 'Anchors: each explained row\'s rule, by the share of data it covers and how often the prediction holds under it.',
    data: { values: points },
    ...containerSized(260),
    mark: { type: 'point', filled: true, size: 80, tooltip: true },
    encoding: {
      x: { field: 'coverage', type: 'quantitative', title: 'Coverage (share of data the rule applies to)', scale: { domain: [0, 1] }, axis: { format: '.0%', tickCount: 5 } },
      y: { field: 'precision', type: 'quantitative', title: 'Precision (prediction kept)', scale: { domain: [lowest, 1] }, axis: { format: '.0%', tickCount: 5 } },
      color: { field: 'prediction', type: 'nominal', title: 'Prediction' },
      tooltip: [
        { field: 'row', type: 'quantitative', title: 'Row' },
        { field: 'rule', title: 'Rule' },
        { field: 'prediction', title: 'Prediction' },
        { field: 'precision', type: 'quantitative', title: 'Precision', format: '.3~g' },
        { field: 'coverage', type: 'quantitative', title: 'Coverage', format: '.3~g' },
      ],
    },
  };
  const mean = points.length ? points.reduce((s, p) => s + p.precision, 0) / points.length : NaN;
  return {
    id: 'anchors',
    title: 'Anchors',
    summary: `${points.length} rules; mean precision ${formatNumber(mean, 3)}`,
    spec,
    table: { columns: ['Row', 'Rule', 'Precision', 'Coverage'], rows: result.anchors.map((a) => [a.row, anchorSentence(a), a.precision, a.coverage]) },
  };
}
