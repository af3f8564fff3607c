/**
 * The Report: an ordered list of sections built from an EvaluationResult. It is plain JSON so
 * it can be posted to a webview, embedded in an HTML file, or rendered to Markdown.
 */
import type { Cell, ChartEntry, DataTable } from '../charts/types';

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

/** An embedded image: a small PNG as a data: URL (allowed by the report CSP's img-src). */
export interface ReportImage {
  src: string;
  alt: string;
  title?: string;
}

/** A table whose cells may hold images (the image gallery of an image evaluation). */
export interface ImageGrid {
  caption?: string;
  columns: string[];
  rows: (Cell | { images: ReportImage[] })[][];
}

export interface GallerySection {
  kind: 'gallery';
  id: string;
  title: string;
  grids: ImageGrid[];
}

export type ReportSection = SummarySection | TablesSection | ChartsSection | WarningsSection | GallerySection;

export interface Report {
  title: string;
  subtitle: string;
  created: string;
  posthoc_version: string;
  sections: ReportSection[];
}
