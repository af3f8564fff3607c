/**
 * The image gallery of an evaluation: the most confident mistakes, a few samples per class, and
 * which images fall in each confusion-matrix cell, with small PNG thumbnails for the report.
 */
import * as path from 'node:path';
import { sharpLib } from './preprocess';

/** One image with its true and predicted class. */
export interface GalleryItem {
  image: string;
  true: string;
  predicted: string;
  /** Probability of the predicted class, when the model outputs probabilities. */
  confidence?: number;
}

/** One (true, predicted) cell of the confusion matrix and up to {@link GALLERY_LIMITS.perCell} of its images. */
export interface GalleryCell {
  true: string;
  predicted: string;
  count: number;
  images: string[];
}

export interface ImageGallery {
  /** Wrong predictions, most confident first. */
  mistakes: GalleryItem[];
  /** Class → the first images of that class (in dataset order). */
  samples: Record<string, GalleryItem[]>;
  /** Every non-empty cell, in class order (row = true class). */
  cells: GalleryCell[];
  /** Image name → data:image/png;base64 thumbnail (at most {@link GALLERY_LIMITS.thumbnail} px a side). */
  thumbnails: Record<string, string>;
}

export const GALLERY_LIMITS = { mistakes: 12, perClass: 4, perCell: 8, thumbnail: 64, cellsWithThumbnails: 24 } as const;

/** Inputs of {@link buildGallery}: per image its name, file, true and predicted class index. */
export interface GalleryInput {
  names: readonly string[];
  files: readonly string[];
  classes: readonly string[];
  yTrue: Int32Array;
  yPred: Int32Array;
  /** N×C probabilities, when known. */
  proba?: Float64Array;
}

/** Cells whose thumbnails the report shows: mistakes first (largest first), then correct cells. */
export function cellsToShow(cells: readonly GalleryCell[]): GalleryCell[] {
  const wrong = cells.filter((c) => c.true !== c.predicted).sort((a, b) => b.count - a.count);
  const right = cells.filter((c) => c.true === c.predicted);
  return [...wrong, ...right].slice(0, GALLERY_LIMITS.cellsWithThumbnails);
}

/** A small PNG thumbnail as a data: URL, or undefined for inputs that are not images (.npy). */
export async function thumbnailDataUrl(file: string, size: number = GALLERY_LIMITS.thumbnail): Promise<string | undefined> {
  if (path.extname(file).toLowerCase() === '.npy') return undefined;
  const png = await sharpLib()(file).resize(size, size, { fit: 'inside', kernel: 'nearest' }).png().toBuffer();
  return `data:image/png;base64,${png.toString('base64')}`;
}

/** Builds the gallery and its thumbnails. */
export async function buildGallery(g: GalleryInput): Promise<ImageGallery> {
  const n = g.yTrue.length;
  const k = g.classes.length;
  const conf = (i: number) => (g.proba ? g.proba[i * k + g.yPred[i]] : undefined);
  const item = (i: number): GalleryItem => {
    const c = conf(i);
    return { image: g.names[i], true: g.classes[g.yTrue[i]], predicted: g.classes[g.yPred[i]], ...(c !== undefined ? { confidence: c } : {}) };
  };
  const wrong: number[] = [];
  for (let i = 0; i < n; i++) if (g.yTrue[i] !== g.yPred[i]) wrong.push(i);
  // Stable sort: ties keep dataset order, so the gallery is reproducible.
  wrong.sort((a, b) => (conf(b) ?? 0) - (conf(a) ?? 0));
  const mistakes = wrong.slice(0, GALLERY_LIMITS.mistakes).map(item);
  const samples: Record<string, GalleryItem[]> = {};
  for (const c of g.classes) samples[c] = [];
  const cellIdx = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const list = samples[g.classes[g.yTrue[i]]];
    if (list.length < GALLERY_LIMITS.perClass) list.push(item(i));
    const key = g.yTrue[i] * k + g.yPred[i];
    const members = cellIdx.get(key) ?? [];
    members.push(i);
    cellIdx.set(key, members);
  }
  const cells: GalleryCell[] = [...cellIdx.entries()].sort((a, b) => a[0] - b[0]).map(([key, members]) => ({
    true: g.classes[Math.floor(key / k)], predicted: g.classes[key % k], count: members.length,
    images: members.slice(0, GALLERY_LIMITS.perCell).map((i) => g.names[i]),
  }));
  const wanted = new Set<string>([...mistakes.map((m) => m.image), ...Object.values(samples).flat().map((s) => s.image), ...cellsToShow(cells).flatMap((c) => c.images)]);
  const fileOf = new Map(g.names.map((name, i) => [name, g.files[i]] as const));
  const thumbnails: Record<string, string> = {};
  await Promise.all([...wanted].map(async (name) => {
    const url = await thumbnailDataUrl(fileOf.get(name)!);
    if (url) thumbnails[name] = url;
  }));
  return { mistakes, samples, cells, thumbnails };
}
