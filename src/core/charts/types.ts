/**
 * Shapes shared by the chart builders, the report and the webview.
 */
import type { TopLevelSpec } from 'vega-lite';

/** A cell of a data table: numbers stay numbers so renderers can format them. */
export type Cell = string | number | null;

/** A chart's data as rows and columns, for screen readers, copying and the "Table" toggle. */
export interface DataTable {
  columns: string[];
  rows: Cell[][];
}

/** One finished chart: a Vega-Lite spec with inline data, plus the same data as a table. */
export interface ChartEntry {
  /** Stable id, unique within a report (used for exports and DOM ids). */
  id: string;
  title: string;
  /** One line of text that says what the chart shows ("ROC AUC 0.9812"), for Markdown and ARIA. */
  summary: string;
  spec: TopLevelSpec;
  table: DataTable;
}
