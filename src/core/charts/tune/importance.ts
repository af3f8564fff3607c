/** The parameter importance bar chart (fANOVA shares, summing to 1). */
import type { ImportanceResult } from '../../tune/analysis/fanova';
import { containerSized, VEGA_LITE_SCHEMA } from '../common';
import { formatPercent } from '../format';
import type { ChartEntry } from '../types';

/** Horizontal bars, most important on top. Undefined when there is nothing to rank. */
export function importanceChart(result: ImportanceResult): ChartEntry | undefined {
  if (result.importances.length === 0 || result.trials < 2) return undefined;
  const rows = result.importances.map((p) => ({ param: p.param, importance: p.importance }));
  const top = rows[0];
  return {
    id: 'tune-importance',
    title: 'Parameter importance (fANOVA)',
    summary: `${top.param} explains ${formatPercent(top.importance)} of the main-effect variance (${result.trials} completed trials)`,
    spec: {
      $schema: VEGA_LITE_SCHEMA,
      description: `Share of the objective's variance each parameter explains alone (fANOVA over ${result.trials} completed trials; shares sum to 1).`,
      ...containerSized(Math.max(120, 28 * rows.length + 40)),
      data: { values: rows },
      mark: { type: 'bar', tooltip: true, color: '#4c78a8' },
      encoding: {
        y: { field: 'param', type: 'nominal', title: null, sort: rows.map((r) => r.param), axis: { labelLimit: 200 } },
        x: { field: 'importance', type: 'quantitative', title: 'Importance', axis: { format: '.0%' }, scale: { domain: [0, 1] } },
        tooltip: [
          { field: 'param', type: 'nominal', title: 'Parameter' },
          { field: 'importance', type: 'quantitative', title: 'Importance', format: '.2%' },
        ],
      },
    },
    table: { columns: ['Parameter', 'Importance'], rows: rows.map((r) => [r.param, r.importance]) },
  };
}
