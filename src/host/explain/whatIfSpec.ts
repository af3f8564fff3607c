/**
 * The what-if panel's chart: the KernelSHAP values of the edited row as horizontal bars, largest
 * |φ| first, positive and negative contributions in two colours. A pure function with inline
 * data (no URLs), so the webview only draws it.
 */
import { outputTitle } from '../../core/charts/explain/common';
import type { WhatIfOutcome, WhatIfSetup } from '../../shared/whatifProtocol';

/** Bars shown; the remaining features are summed into one "other features" bar. */
export const WHATIF_TOP_FEATURES = 15;

/** Short number text for labels. */
function fmt(v: number): string {
  return Math.abs(v) >= 1e4 || (v !== 0 && Math.abs(v) < 1e-3) ? v.toExponential(2) : String(Number(v.toPrecision(4)));
}

/** The Vega-Lite spec of the SHAP bar chart for one outcome. */
export function whatIfShapSpec(setup: WhatIfSetup, outcome: WhatIfOutcome): Record<string, unknown> {
  const order = setup.features.map((_, j) => j).sort((a, b) => Math.abs(outcome.phi[b]) - Math.abs(outcome.phi[a]) || a - b);
  const shown = order.slice(0, WHATIF_TOP_FEATURES);
  const rest = order.slice(WHATIF_TOP_FEATURES);
  const rows = shown.map((j, rank) => ({
    rank,
    feature: `${setup.features[j]} = ${fmt(outcome.values[j])}`,
    phi: outcome.phi[j],
    sign: outcome.phi[j] >= 0 ? 'raises' : 'lowers',
  }));
  if (rest.length > 0) {
    const phi = rest.reduce((s, j) => s + outcome.phi[j], 0);
    rows.push({ rank: rows.length, feature: `${rest.length} other features`, phi, sign: phi >= 0 ? 'raises' : 'lowers' });
  }
  const target = outputTitle(setup.outputNames[setup.classIndex] ?? '', setup.space);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: { text: `SHAP values for ${target}`, subtitle: `base ${fmt(outcome.base)} + Σφ = ${fmt(outcome.fx)}` },
    width: 'container',
    height: { step: 18 },
    data: { values: rows },
    mark: { type: 'bar', tooltip: true },
    encoding: {
      y: { field: 'feature', type: 'nominal', sort: { field: 'rank', order: 'ascending' }, title: null },
      x: { field: 'phi', type: 'quantitative', title: `contribution to ${target}` },
      color: {
        field: 'sign',
        type: 'nominal',
        scale: { domain: ['raises', 'lowers'], range: ['#e45756', '#4c78a8'] },
        legend: { title: null, orient: 'bottom' },
      },
      tooltip: [
        { field: 'feature', type: 'nominal', title: 'feature' },
        { field: 'phi', type: 'quantitative', title: 'φ', format: '.4g' },
      ],
    },
  };
}
