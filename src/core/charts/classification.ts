/**
 * Classification charts: confusion matrix, ROC curves and precision–recall curves.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { EvaluationResult, PrCurve, RocCurve } from '../evaluate/types';
import { containerSized, curveName, finiteOrNull, legendOrient, orderedCurveKeys, thinnedIndices, VEGA_LITE_SCHEMA } from './common';
import { formatNumber, formatPercent } from './format';
import type { ChartEntry } from './types';

/** Above this many classes the cells are too small for text labels. */
const MAX_LABELLED_CLASSES = 20;

/** Confusion matrix heatmap coloured by the row-normalised rate, with count and rate in cells. */
export function confusionMatrixChart(cm: NonNullable<EvaluationResult['confusion_matrix']>): ChartEntry {
  const { labels, matrix } = cm;
  const rows: { actual: string; predicted: string; count: number; rate: number; count_label: string; rate_label: string }[] = [];
  labels.forEach((actual, i) => {
    const row = matrix[i] ?? [];
    const total = row.reduce((a, b) => a + b, 0);
    labels.forEach((predicted, j) => {
      const count = row[j] ?? 0;
      const rate = total > 0 ? count / total : 0;
      rows.push({ actual, predicted, count, rate, count_label: formatNumber(count), rate_label: formatPercent(rate) });
    });
  });
  const n = labels.length;
  const cell = n <= 10 ? 48 : Math.max(14, Math.floor(480 / n));
  // White text on dark cells, black on light ones: the fill comes from a fixed scheme, so fixed
  // text colours contrast with it in every VS Code theme.
  const textColor = { condition: { test: 'datum.rate > 0.55', value: 'white' }, value: 'black' };
  const labelLayers = n > MAX_LABELLED_CLASSES ? [] : [
    { mark: { type: 'text' as const, dy: -7, fontWeight: 'bold' as const }, encoding: { text: { field: 'count_label' }, color: textColor } },
    { mark: { type: 'text' as const, dy: 8, fontSize: 10 }, encoding: { text: { field: 'rate_label' }, color: textColor } },
  ];
  const correct = rows.filter((r) => r.actual === r.predicted).reduce((a, r) => a + r.count, 0);
  const total = rows.reduce((a, r) => a + r.count, 0);
  const spec: TopLevelSpec = {
    $schema: VEGA_LITE_SCHEMA,
    description: 'Confusion matrix: rows are true classes, columns predicted classes; colour is the share of the true class.',
    data: { values: rows },
    // A floor on the height so two or three classes still get roomy cells.
    ...containerSized(Math.max(200, n * cell)),
    encoding: {
      x: { field: 'predicted', type: 'nominal', sort: labels, title: 'Predicted class', axis: { orient: 'top', labelAngle: n > 6 ? -45 : 0 } },
      y: { field: 'actual', type: 'nominal', sort: labels, title: 'True class' },
    },
    layer: [
      {
        mark: { type: 'rect', tooltip: true },
        encoding: {
          color: { field: 'rate', type: 'quantitative', title: 'Share of row', scale: { domain: [0, 1], scheme: 'blues' }, legend: { format: '.0%' } },
          tooltip: [
            { field: 'actual', title: 'True' },
            { field: 'predicted', title: 'Predicted' },
            { field: 'count', type: 'quantitative', title: 'Count' },
            { field: 'rate', type: 'quantitative', title: 'Share of row', format: '.1%' },
          ],
        },
      },
      ...labelLayers,
    ],
  };
  return {
    id: 'confusion-matrix',
    title: 'Confusion matrix',
    summary: `${formatNumber(correct)} of ${formatNumber(total)} on the diagonal (${formatPercent(total > 0 ? correct / total : 0)})`,
    spec,
    table: { columns: ['True class', 'Predicted class', 'Count', 'Share of row'], rows: rows.map((r) => [r.actual, r.predicted, r.count, r.rate]) },
  };
}

interface CurvePoint {
  curve: string;
  x: number;
  y: number;
  threshold: number | null;
  i: number;
}

/** Line chart of several curves in the unit square, with a legend that highlights on click. */
function curveSpec(opts: {
  description: string;
  points: CurvePoint[];
  curveOrder: string[];
  xTitle: string;
  yTitle: string;
  legendInside: 'bottom-right' | 'bottom-left';
  reference: object[];
}): TopLevelSpec {
  const unit = { domain: [0, 1], nice: false };
  return {
    $schema: VEGA_LITE_SCHEMA,
    description: opts.description,
    ...containerSized(),
    layer: [
      ...(opts.reference as never[]),
      {
        data: { values: opts.points },
        params: [{ name: 'focus', select: { type: 'point', fields: ['curve'] }, bind: 'legend' }],
        mark: { type: 'line', tooltip: true },
        encoding: {
          x: { field: 'x', type: 'quantitative', title: opts.xTitle, scale: unit },
          y: { field: 'y', type: 'quantitative', title: opts.yTitle, scale: unit },
          color: {
            field: 'curve', type: 'nominal', sort: opts.curveOrder, title: null,
            legend: { orient: legendOrient(opts.curveOrder.length, opts.legendInside), symbolType: 'stroke' },
          },
          order: { field: 'i', type: 'quantitative' },
          opacity: { condition: { param: 'focus', value: 1 }, value: 0.15 },
          tooltip: [
            { field: 'curve', title: 'Curve' },
            { field: 'x', type: 'quantitative', title: opts.xTitle, format: '.4f' },
            { field: 'y', type: 'quantitative', title: opts.yTitle, format: '.4f' },
            { field: 'threshold', type: 'quantitative', title: 'Threshold', format: '.4f' },
          ],
        },
      },
    ],
  } as TopLevelSpec;
}

/** ROC curves (one per key: the positive class, each class, micro and macro) with the chance diagonal. */
export function rocChart(curves: Record<string, RocCurve>): ChartEntry {
  const keys = orderedCurveKeys(Object.keys(curves));
  const labelOf = (k: string) => `${curveName(k)} (AUC ${formatNumber(curves[k].auc)})`;
  const points: CurvePoint[] = [];
  for (const k of keys) {
    const c = curves[k];
    for (const i of thinnedIndices(Math.min(c.fpr.length, c.tpr.length))) {
      points.push({ curve: labelOf(k), x: c.fpr[i], y: c.tpr[i], threshold: finiteOrNull(c.thresholds[i]), i });
    }
  }
  const diagonal = {
    data: { values: [{ from: 0, to: 1 }] },
    mark: { type: 'rule', strokeDash: [4, 4], opacity: 0.5 },
    encoding: { x: { field: 'from', type: 'quantitative' }, y: { field: 'from', type: 'quantitative' }, x2: { field: 'to' }, y2: { field: 'to' } },
  };
  return {
    id: 'roc',
    title: 'ROC curve',
    summary: keys.length === 1
      ? `ROC AUC ${formatNumber(curves[keys[0]].auc)}`
      : `ROC AUC: ${keys.map((k) => `${curveName(k)} ${formatNumber(curves[k].auc)}`).join(', ')}`,
    spec: curveSpec({
      description: 'ROC curves: true positive rate against false positive rate; the dashed diagonal is a random classifier.',
      points, curveOrder: keys.map(labelOf), xTitle: 'False positive rate', yTitle: 'True positive rate', legendInside: 'bottom-right', reference: [diagonal],
    }),
    table: { columns: ['Curve', 'False positive rate', 'True positive rate', 'Threshold'], rows: points.map((p) => [p.curve, p.x, p.y, p.threshold]) },
  };
}

/**
 * Precision–recall curves with average precision in the legend. `prevalence` gives each curve's
 * positive share; when known it is drawn as the dashed baseline of a random classifier.
 */
export function prChart(curves: Record<string, PrCurve>, prevalence: Record<string, number> = {}): ChartEntry {
  const keys = orderedCurveKeys(Object.keys(curves));
  const labelOf = (k: string) => `${curveName(k)} (AP ${formatNumber(curves[k].average_precision)})`;
  const points: CurvePoint[] = [];
  for (const k of keys) {
    const c = curves[k];
    for (const i of thinnedIndices(Math.min(c.recall.length, c.precision.length))) {
      points.push({ curve: labelOf(k), x: c.recall[i], y: c.precision[i], threshold: finiteOrNull(c.thresholds[i]), i });
    }
  }
  const order = keys.map(labelOf);
  const baselines = keys.filter((k) => Number.isFinite(prevalence[k])).map((k) => ({ curve: labelOf(k), prevalence: prevalence[k] }));
  const baseline = {
    data: { values: baselines },
    mark: { type: 'rule', strokeDash: [4, 4], opacity: 0.6 },
    encoding: {
      y: { field: 'prevalence', type: 'quantitative' },
      // Same sort as the curves: the two layers share one colour scale and legend.
      color: { field: 'curve', type: 'nominal', sort: order },
      tooltip: [{ field: 'curve', title: 'Curve' }, { field: 'prevalence', type: 'quantitative', title: 'Prevalence (baseline)', format: '.4f' }],
    },
  };
  return {
    id: 'pr',
    title: 'Precision–recall curve',
    summary: keys.length === 1
      ? `average precision ${formatNumber(curves[keys[0]].average_precision)}`
      : `average precision: ${keys.map((k) => `${curveName(k)} ${formatNumber(curves[k].average_precision)}`).join(', ')}`,
    spec: curveSpec({
      description: 'Precision–recall curves; dashed lines mark each class prevalence, the precision of a random classifier.',
      points, curveOrder: order, xTitle: 'Recall', yTitle: 'Precision', legendInside: 'bottom-left', reference: baselines.length ? [baseline] : [],
    }),
    table: { columns: ['Curve', 'Recall', 'Precision', 'Threshold'], rows: points.map((p) => [p.curve, p.x, p.y, p.threshold]) },
  };
}
