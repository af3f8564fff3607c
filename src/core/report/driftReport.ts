/**
 * buildDriftReport: a DriftResult → Report (summary, notes, the per-column table, charts and the
 * data-quality tables), rendered by the same HTML/Markdown renderers as every other report.
 */
import { driftCharts, driftHeadline, TEST_LABELS } from '../charts/drift';
import { formatNumber, formatPercent } from '../charts/format';
import type { Cell } from '../charts/types';
import type { ColumnDrift, DriftResult } from '../drift/types';
import type { Report, ReportSection, ReportTable } from './types';

const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);

function driftRows(columns: readonly ColumnDrift[]): Cell[][] {
  return columns.map((c) => [
    c.column, c.type, TEST_LABELS[c.test],
    c.statistic === Infinity ? '∞' : finite(c.statistic),
    c.p_value, c.threshold, c.drift ? 'yes' : 'no',
  ]);
}

const DRIFT_COLUMNS = ['Column', 'Type', 'Test', 'Statistic', 'p-value', 'Threshold', 'Drift'];

function summary(result: DriftResult): ReportSection {
  const cur = result.current;
  const facts: [string, string][] = [
    ['Verdict', `${result.dataset_drift ? 'Dataset drift' : 'No dataset drift'}: ${driftHeadline(result)}; drift when ≥ ${formatPercent(result.drift_share_threshold)}`],
    ['Reference', `${result.reference.path} (${formatNumber(result.reference.n_rows)} rows)`],
    ['Current', `${cur.path} (${formatNumber(cur.n_rows)} rows${cur.format === 'serve-log' ? `, serving log, ${formatNumber(cur.skipped_lines ?? 0)} lines skipped` : ''})`],
    ['Tests', result.test === 'auto' ? 'auto (by reference size and column type)' : TEST_LABELS[result.test]],
  ];
  if (result.prediction) {
    const p = result.prediction;
    facts.push(['Prediction drift', `${p.drift ? 'yes' : 'no'} (${p.model}, ${p.task}, output ${p.output})`]);
  }
  facts.push(['Time', `${formatNumber(result.elapsed_ms / 1000, 3)} s`]);
  return {
    kind: 'summary', id: 'summary', title: 'Summary', facts,
    cards: [
      { key: 'share_drifted', label: 'Share of columns drifted', value: result.share_drifted },
      { key: 'n_drifted', label: 'Columns drifted', value: result.n_drifted },
    ],
  };
}

function qualityTables(result: DriftResult): ReportTable[] {
  const q = result.quality;
  const tables: ReportTable[] = [{
    caption: 'Missing values per column',
    table: { columns: ['Column', 'Missing (reference)', 'Share', 'Missing (current)', 'Share'], rows: q.map((c) => [c.column, c.missing_reference, c.missing_reference_share, c.missing_current, c.missing_current_share]) },
  }];
  const cats = q.filter((c) => c.new_category_count !== undefined);
  if (cats.length > 0) {
    tables.push({
      caption: 'New categories (in current, never in reference)',
      table: { columns: ['Column', 'New categories', 'Current rows', 'Examples'], rows: cats.map((c) => [c.column, c.new_category_count!, c.new_category_rows!, c.new_categories!.join(', ')]) },
    });
  }
  const nums = q.filter((c) => c.out_of_range !== undefined);
  if (nums.length > 0) {
    tables.push({
      caption: 'Current values outside the reference range',
      table: { columns: ['Column', 'Reference min', 'Reference max', 'Out of range', 'Share'], rows: nums.map((c) => [c.column, finite(c.reference_min!), finite(c.reference_max!), c.out_of_range!, c.out_of_range_share!]) },
    });
  }
  return tables;
}

/** Builds the report of a drift comparison. */
export function buildDriftReport(result: DriftResult): Report {
  const sections: ReportSection[] = [summary(result)];
  if (result.notes.length > 0) sections.push({ kind: 'warnings', id: 'notes', title: 'Notes', items: [...result.notes] });
  const tables: ReportTable[] = [{ caption: driftHeadline(result), table: { columns: DRIFT_COLUMNS, rows: driftRows(result.columns) } }];
  if (result.prediction) tables.push({ caption: `Prediction drift (${result.prediction.model})`, table: { columns: DRIFT_COLUMNS, rows: driftRows(result.prediction.columns) } });
  sections.push({ kind: 'tables', id: 'drift', title: 'Drift by column', tables });
  sections.push({ kind: 'charts', id: 'charts', title: 'Charts', charts: driftCharts(result) });
  sections.push({ kind: 'tables', id: 'quality', title: 'Data quality', tables: qualityTables(result) });
  return {
    title: 'Data drift',
    subtitle: `${result.reference.path} → ${result.current.path}`,
    created: result.created,
    posthoc_version: result.posthoc_version,
    sections,
  };
}
