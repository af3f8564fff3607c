/**
 * Charts about predicted probabilities: calibration, the threshold sweep and score distributions.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { CalibrationCurve, ScoreDistribution, ThresholdSweep } from '../evaluate/types';
import { containerSized, thinnedIndices, VEGA_LITE_SCHEMA } from './common';
import { formatNumber } from './format';
import type { ChartEntry } from './types';

const UNIT = { domain: [0, 1], nice: false };

/** Reliability diagram: observed positive rate per bin against mean predicted probability. */
export function calibrationChart(cal: CalibrationCurve): ChartEntry {
  const bins = cal.mean_predicted.map((p, i) => ({ mean_predicted: p, fraction_positive: cal.fraction_positive[i], count: cal.count[i] }));
  const spec: TopLevelSpec = {
    $schema: VEGA_LITE_SCHEMA,
    description: 'Reliability diagram: points on the dashed diagonal are perfectly calibrated; point size is the number of rows in the bin.',
    ...containerSized(),
    layer: [
      {
        data: { values: [{ from: 0, to: 1 }] },
        mark: { type: 'rule', strokeDash: [4, 4], opacity: 0.5 },
        encoding: { x: { field: 'from', type: 'quantitative' }, y: { field: 'from', type: 'quantitative' }, x2: { field: 'to' }, y2: { field: 'to' } },
      },
      {
        data: { values: bins },
        encoding: {
          x: { field: 'mean_predicted', type: 'quantitative', title: 'Mean predicted probability', scale: UNIT },
          y: { field: 'fraction_positive', type: 'quantitative', title: 'Fraction of positives', scale: UNIT },
        },
        layer: [
          { mark: { type: 'line', opacity: 0.7 } },
          {
            mark: { type: 'point', filled: true, tooltip: true },
            encoding: {
              size: { field: 'count', type: 'quantitative', title: 'Rows in bin', scale: { range: [20, 400] }, legend: { orient: 'bottom-right' } },
              tooltip: [
                { field: 'mean_predicted', type: 'quantitative', title: 'Mean predicted', format: '.4f' },
                { field: 'fraction_positive', type: 'quantitative', title: 'Fraction positive', format: '.4f' },
                { field: 'count', type: 'quantitative', title: 'Rows' },
              ],
            },
          },
        ],
      },
    ],
  };
  return {
    id: 'calibration',
    title: 'Calibration',
    summary: `ECE ${formatNumber(cal.ece)}, MCE ${formatNumber(cal.mce)} over ${cal.n_bins} bins`,
    spec,
    table: { columns: ['Mean predicted probability', 'Fraction of positives', 'Rows in bin'], rows: bins.map((b) => [b.mean_predicted, b.fraction_positive, b.count]) },
  };
}

/** Precision, recall and F1 against the decision threshold, marking the chosen and best-F1 thresholds. */
export function thresholdChart(sweep: ThresholdSweep, chosen?: number): ChartEntry {
  const rows: { threshold: number; metric: string; value: number }[] = [];
  const keep = thinnedIndices(sweep.thresholds.length);
  for (const i of keep) {
    const t = sweep.thresholds[i];
    if (!Number.isFinite(t)) continue;
    rows.push({ threshold: t, metric: 'Precision', value: sweep.precision[i] });
    rows.push({ threshold: t, metric: 'Recall', value: sweep.recall[i] });
    rows.push({ threshold: t, metric: 'F1', value: sweep.f1[i] });
  }
  const marks = [{ label: `best F1 ${formatNumber(sweep.best_f1)} @ ${formatNumber(sweep.best_f1_threshold)}`, threshold: sweep.best_f1_threshold, dash: [2, 3] }];
  if (chosen !== undefined && Number.isFinite(chosen)) marks.unshift({ label: `chosen threshold ${formatNumber(chosen)}`, threshold: chosen, dash: [6, 3] });
  const spec: TopLevelSpec = {
    $schema: VEGA_LITE_SCHEMA,
    description: 'Precision, recall and F1 for each decision threshold; vertical rules mark the chosen threshold and the best F1.',
    ...containerSized(),
    layer: [
      {
        data: { values: rows },
        mark: { type: 'line', tooltip: true },
        encoding: {
          x: { field: 'threshold', type: 'quantitative', title: 'Threshold', scale: UNIT },
          y: { field: 'value', type: 'quantitative', title: 'Score', scale: UNIT },
          color: { field: 'metric', type: 'nominal', sort: ['Precision', 'Recall', 'F1'], title: null, legend: { orient: 'bottom-left', symbolType: 'stroke' } },
          tooltip: [
            { field: 'metric', title: 'Metric' },
            { field: 'threshold', type: 'quantitative', title: 'Threshold', format: '.4f' },
            { field: 'value', type: 'quantitative', title: 'Value', format: '.4f' },
          ],
        },
      },
      {
        // The rules get a legend of their own (by dash pattern) rather than text labels, which
        // would collide when the two thresholds are close.
        data: { values: marks },
        mark: { type: 'rule', opacity: 0.8, tooltip: true },
        encoding: {
          x: { field: 'threshold', type: 'quantitative' },
          strokeDash: {
            field: 'label', type: 'nominal', title: null,
            scale: { domain: marks.map((m) => m.label), range: marks.map((m) => m.dash) },
            legend: { orient: 'bottom-left', symbolType: 'stroke' },
          },
          tooltip: [{ field: 'label', title: 'Rule' }],
        },
      },
    ],
  };
  return {
    id: 'thresholds',
    title: 'Threshold sweep',
    summary: `best F1 ${formatNumber(sweep.best_f1)} at threshold ${formatNumber(sweep.best_f1_threshold)}${chosen !== undefined ? `; chosen threshold ${formatNumber(chosen)}` : ''}`,
    spec,
    table: {
      columns: ['Threshold', 'Precision', 'Recall', 'F1'],
      rows: keep.filter((i) => Number.isFinite(sweep.thresholds[i])).map((i) => [sweep.thresholds[i], sweep.precision[i], sweep.recall[i], sweep.f1[i]]),
    },
  };
}

/**
 * Score histograms per true class, as step areas of each class's share of rows so that classes
 * of very different sizes stay comparable (counts are in the tooltip and table).
 */
export function scoreDistributionChart(dist: ScoreDistribution, scoreLabel: string): ChartEntry {
  const edges = dist.bin_edges;
  const classes = Object.keys(dist.counts);
  const rows: { class: string; score: number; bin_end: number; count: number; share: number }[] = [];
  const table: (string | number)[][] = [];
  for (const c of classes) {
    const counts = dist.counts[c];
    const total = counts.reduce((a, b) => a + b, 0) || 1;
    counts.forEach((count, i) => {
      rows.push({ class: c, score: edges[i], bin_end: edges[i + 1], count, share: count / total });
      table.push([c, edges[i], edges[i + 1], count]);
    });
    // A closing point at the last edge so the final step is drawn to full width.
    const last = counts.length - 1;
    if (last >= 0) rows.push({ class: c, score: edges[last + 1], bin_end: edges[last + 1], count: counts[last], share: counts[last] / total });
  }
  const spec: TopLevelSpec = {
    $schema: VEGA_LITE_SCHEMA,
    description: `Distribution of ${scoreLabel} for each true class, as a share of that class's rows.`,
    data: { values: rows },
    ...containerSized(260),
    mark: { type: 'area', interpolate: 'step-after', opacity: 0.35, line: true, tooltip: true },
    encoding: {
      x: { field: 'score', type: 'quantitative', title: scoreLabel, scale: { domain: [edges[0], edges[edges.length - 1]], nice: false } },
      y: { field: 'share', type: 'quantitative', title: 'Share of class', stack: null, axis: { format: '.0%' } },
      color: { field: 'class', type: 'nominal', sort: classes, title: 'True class', legend: { orient: classes.length <= 6 ? 'top-right' : 'right' } },
      tooltip: [
        { field: 'class', title: 'True class' },
        { field: 'score', type: 'quantitative', title: 'Bin from', format: '.3f' },
        { field: 'bin_end', type: 'quantitative', title: 'Bin to', format: '.3f' },
        { field: 'count', type: 'quantitative', title: 'Rows' },
        { field: 'share', type: 'quantitative', title: 'Share of class', format: '.1%' },
      ],
    },
  };
  return {
    id: 'score-distribution',
    title: 'Score distribution',
    summary: `${scoreLabel} histogram for ${classes.length} true classes`,
    spec,
    table: { columns: ['True class', 'Bin from', 'Bin to', 'Rows'], rows: table },
  };
}
