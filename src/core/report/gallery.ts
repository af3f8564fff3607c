/**
 * The gallery section of an image evaluation's report: preprocessing used, the most confident
 * mistakes, samples per class, and the confusion-matrix cells with their images. Thumbnails are
 * small PNG data: URLs carried by the result, so the HTML report stays one self-contained file.
 */
import * as path from 'node:path';
import { formatNumber, formatPercent } from '../charts/format';
import { DataError, UsageError } from '../errors';
import type { EvaluationResult } from '../evaluate/types';
import { cellsToShow } from '../images/gallery';
import type { GallerySection, ImageGrid, ReportImage } from './types';

function image(result: EvaluationResult, name: string, title?: string): ReportImage[] {
  const src = result.images?.gallery.thumbnails[name];
  return src ? [{ src, alt: name, title: title ?? name }] : [];
}

function preprocessGrid(result: EvaluationResult): ImageGrid {
  const p = result.images!.preprocess;
  const rows: [string, string][] = [
    ['Model input', result.images!.input],
    ['Size', `${p.width}×${p.height} (${p.resize === 'shorter' ? 'shorter side, centre crop' : 'exact resize'})`],
    ['Channels', p.channels.toUpperCase()],
    ['Scale', formatNumber(p.scale)],
    ['Mean', p.mean ? p.mean.join(', ') : 'none'],
    ['Std', p.std ? p.std.join(', ') : 'none'],
    ['Layout, dtype', `${p.layout.toUpperCase()}, ${p.dtype}`],
    ['Dataset layout', result.images!.dataset_kind === 'folder' ? 'folder per class' : 'listing of paths and labels'],
  ];
  const workers = result.images!.decode_workers;
  if (workers !== undefined) rows.push(['Decoding', workers === 0 ? 'in the evaluating thread' : `${workers} worker thread${workers === 1 ? '' : 's'}`]);
  return { caption: 'Preprocessing (saved in the JSON result under images.preprocess)', columns: ['Step', 'Value'], rows };
}

/** Builds the gallery section, or undefined for tabular results. */
export function gallerySection(result: EvaluationResult): GallerySection | undefined {
  const g = result.images?.gallery;
  if (!g) return undefined;
  const grids: ImageGrid[] = [preprocessGrid(result)];
  if (g.mistakes.length > 0) {
    grids.push({
      caption: `Most confident mistakes (top ${g.mistakes.length})`,
      columns: ['Image', 'File', 'True', 'Predicted', 'Confidence'],
      rows: g.mistakes.map((m) => [
        { images: image(result, m.image, `${m.image}: ${m.true} predicted as ${m.predicted}`) }, m.image, m.true, m.predicted,
        m.confidence !== undefined ? formatPercent(m.confidence) : '',
      ]),
    });
  }
  grids.push({
    caption: 'Samples per class',
    columns: ['Class', 'Images (predicted class in the tooltip)'],
    rows: Object.entries(g.samples).map(([cls, items]) => [cls, { images: items.flatMap((it) => image(result, it.image, `${it.image}: predicted ${it.predicted}`)) }]),
  });
  const shown = cellsToShow(g.cells);
  grids.push({
    caption: shown.length < g.cells.length
      ? `Confusion-matrix cells (${shown.length} of ${g.cells.length}: mistakes first; the JSON lists every cell)`
      : 'Confusion-matrix cells (mistakes first)',
    columns: ['True', 'Predicted', 'Images in cell', 'First images'],
    rows: shown.map((c) => [c.true, c.predicted, c.count, { images: c.images.flatMap((name) => image(result, name)) }]),
  });
  return { kind: 'gallery', id: 'gallery', title: 'Image gallery', grids };
}

/**
 * The gallery's images in the order the report shows them (grid by grid, row by row, cell by
 * cell), one entry per thumbnail. The report webview numbers its thumbnails the same way, so
 * "Explain this image" sends only that number and the host maps it back to the file here.
 */
export function galleryImageNames(result: EvaluationResult): string[] {
  const section = gallerySection(result);
  if (!section) return [];
  return section.grids.flatMap((g) => g.rows.flatMap((row) => row.flatMap((cell) => (cell !== null && typeof cell === 'object' ? cell.images.map((img) => img.alt) : []))));
}

/**
 * The file and true class (index in `result.classes`) of gallery thumbnail `index`. Names are
 * resolved as the dataset reader did: against the class-folder root, or the listing's folder.
 */
export function galleryImage(result: EvaluationResult, index: number): { file: string; name: string; trueClass?: number } {
  if (!result.images) throw new UsageError('This report has no image gallery: it is not an image evaluation.');
  const name = galleryImageNames(result)[index];
  if (name === undefined) throw new UsageError(`This report has no gallery image number ${index}.`);
  const data = path.resolve(result.dataset.path);
  const folder = result.images.dataset_kind === 'folder';
  const base = folder ? data : path.dirname(data);
  const file = path.resolve(base, name);
  // A folder dataset's names are class/file: anything resolving outside the folder is not one of its images.
  if (folder && !file.startsWith(base + path.sep)) throw new DataError(`Gallery image '${name}' is outside the dataset folder ${base}.`);
  const g = result.images.gallery;
  const trueName = g.mistakes.find((m) => m.image === name)?.true
    ?? Object.values(g.samples).flat().find((it) => it.image === name)?.true
    ?? g.cells.find((c) => c.images.includes(name))?.true;
  const trueClass = trueName !== undefined ? result.classes?.indexOf(trueName) : -1;
  return { file, name, ...(trueClass !== undefined && trueClass >= 0 ? { trueClass } : {}) };
}
