/**
 * A saliency run as JSON (what `--json` writes) and as a Report (summary, quality chart,
 * sanity-check table) for the HTML/Markdown renderers and the panel.
 */
import { qualityCurvesChart } from '../charts/saliency/qualityCurves';
import { formatNumber } from '../charts/format';
import type { SaliencyResult } from '../saliency/saliency';
import { VERSION } from '../version';
import type { Report, ReportSection } from './types';

/** The JSON payload: everything but the attribution arrays (those go to .npy/.png). */
export function saliencyJson(r: SaliencyResult, files: { npy?: string; png?: string } = {}): Record<string, unknown> {
  return {
    posthoc_version: VERSION,
    model: r.model,
    method: r.map.method,
    target: r.target,
    ...(r.classLabels ? { target_label: r.classLabels[r.target], class_labels: r.classLabels } : {}),
    input_shape: r.inputDims,
    attribution_shape: r.map.dims,
    heatmap_shape: r.map.heatmapDims,
    scores: r.scores,
    probabilities: r.probabilities,
    details: r.map.details,
    completeness: r.completeness ? { f_input: r.completeness.fx, f_baseline: r.completeness.fBaseline, gap: r.completeness.gap, relative_gap: r.completeness.relativeGap } : undefined,
    timings_ms: r.timings,
    quality: r.quality ? { deletion_auc: r.quality.deletion.auc, insertion_auc: r.quality.insertion.auc, deletion: r.quality.deletion, insertion: r.quality.insertion } : undefined,
    sanity: r.sanity,
    files,
  };
}

/** Builds the report of one saliency run. */
export function buildSaliencyReport(r: SaliencyResult, created = new Date().toISOString()): Report {
  const facts: [string, string][] = [
    ['Model', r.model],
    ['Method', r.map.method],
    ['Target class', String(r.target)],
    ['P(target)', formatNumber(r.probabilities[r.target])],
    ['Input shape', `[${r.inputDims.join(', ')}]`],
    ['Attribution shape', `[${r.map.dims.join(', ')}]`],
    ['Time', `${formatNumber(r.timings.methodMs)} ms (one forward pass ${formatNumber(r.timings.forwardMs)} ms)`],
  ];
  for (const [k, v] of Object.entries(r.map.details)) facts.push([k, typeof v === 'number' ? formatNumber(v) : v]);
  if (r.completeness) facts.push(['Completeness gap', `${formatNumber(r.completeness.gap)} (${formatNumber(100 * r.completeness.relativeGap)}% of f(x) − f(baseline))`]);
  const sections: ReportSection[] = [{ kind: 'summary', id: 'summary', title: 'Summary', facts, cards: [] }];
  if (r.quality) sections.push({ kind: 'charts', id: 'quality', title: 'Faithfulness', charts: [qualityCurvesChart(r.quality.deletion, r.quality.insertion, `class ${r.target}`)] });
  if (r.sanity) {
    sections.push({
      kind: 'tables', id: 'sanity', title: 'Model randomisation check',
      tables: [{ caption: 'Spearman ρ between the original map and the map of a model whose last k layers were re-drawn; a faithful method falls towards 0.', table: { columns: ['layers randomised', 'Spearman ρ'], rows: r.sanity.map((s) => [s.layers, s.spearman]) } }],
    });
  }
  return { title: `Saliency: ${r.map.method}`, subtitle: `${r.model} · class ${r.target}`, created, posthoc_version: VERSION, sections };
}
