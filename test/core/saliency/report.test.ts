import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { qualityCurvesChart } from '../../../src/core/charts/saliency/qualityCurves';
import { vscodeThemeConfig } from '../../../src/core/charts/theme';
import { renderMarkdown } from '../../../src/core/report/markdown';
import { buildSaliencyReport, saliencyJson } from '../../../src/core/report/saliencyReport';
import type { SaliencyResult } from '../../../src/core/saliency/saliency';

let compile: typeof import('vega-lite').compile;
before(async () => {
  ({ compile } = await import('vega-lite'));
});

const curve = (ps: number[]) => ({ fractions: ps.map((_, i) => i / (ps.length - 1)), probabilities: ps, auc: 0.5 });
const result: SaliencyResult = {
  map: { method: 'integrated-gradients', attribution: new Float32Array(4), dims: [1, 1, 2, 2], heatmap: new Float32Array(4), heatmapDims: [2, 2], target: 1, details: { steps: 50 } },
  model: 'm.onnx', inputDims: [1, 1, 2, 2], target: 1, scores: [0.1, 2], probabilities: [0.13, 0.87],
  completeness: { fx: 2, fBaseline: 0.5, gap: 0.001, relativeGap: 0.00067 },
  timings: { totalMs: 10, forwardMs: 0.2, methodMs: 9 },
  quality: { deletion: curve([0.9, 0.3, 0.1]), insertion: curve([0.1, 0.6, 0.9]) },
  sanity: [{ layers: 1, spearman: 0.2 }],
};

describe('saliency report', () => {
  it('the quality chart compiles without warnings', () => {
    const chart = qualityCurvesChart(result.quality!.deletion, result.quality!.insertion, 'class 1');
    const warnings: string[] = [];
    const logger = { level: () => logger, warn: (...m: unknown[]) => warnings.push(m.join(' ')), info: () => logger, debug: () => logger, error: (...m: unknown[]) => warnings.push(m.join(' ')) };
    compile(chart.spec, { logger: logger as never, config: vscodeThemeConfig('dark') });
    assert.deepEqual(warnings, []);
    assert.equal(chart.table.rows.length, 6);
  });
  it('JSON and Markdown carry the target, gap, AUCs and sanity rows', () => {
    const json = saliencyJson(result) as { completeness: { gap: number }; quality: { deletion_auc: number } };
    assert.equal(json.completeness.gap, 0.001);
    assert.equal(json.quality.deletion_auc, 0.5);
    const md = renderMarkdown(buildSaliencyReport(result, '2026-01-01T00:00:00Z'));
    assert.match(md, /Completeness gap/);
    assert.match(md, /Spearman/);
  });
});
