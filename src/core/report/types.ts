/**
 * The Report: an ordered list of sections built from an EvaluationResult. It is plain JSON so
 * it can be posted to a webview, embedded in an HTML file, or rendered to Markdown.
 */
import type { ChartEntry, DataTable } from '../charts/types';

/** A headline number, with its bootstrap interval when one was computed. */
export interface MetricCard {
  key: string;
  label: string;
  value: number;
  ci?: [number, number];
}

/** A table with an optional caption; numbers stay numbers until a renderer formats them. */
export interface ReportTable {
  caption?: string;
  table: DataTable;
}

export interface SummarySection {
  kind: 'summary';
  id: string;
  title: string;
  /** Label/value pairs: task, rows, model, dataset, output, threshold. */
  facts: [string, string][];
  cards: MetricCard[];
}

export interface TablesSection {
  kind: 'tables';
  id: string;
  title: string;
  tables: ReportTable[];
}

export interface ChartsSection {
  kind: 'charts';
  id: string;
  title: string;
  charts: ChartEntry[];
}

export interface WarningsSection {
  kind: 'warnings';
  id: string;
  title: string;
  items: string[];
}

export type ReportSection = SummarySection | TablesSection | ChartsSection | WarningsSection;

export interface Report {
  title: string;
  subtitle: string;
  created: string;
  posthoc_version: string;
  sections: ReportSection[];
}
