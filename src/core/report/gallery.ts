/**
 * The gallery section of an image evaluation's report: preprocessing used, the most confident
 * mistakes, samples per class, and the confusion-matrix cells with their images. Thumbnails are
 * small PNG data: URLs carried by the result, so the HTML report stays one self-contained file.
 */
import { formatNumber, formatPercent } from '../charts/format';
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
