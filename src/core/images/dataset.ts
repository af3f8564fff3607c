/**
 * Image datasets: a folder with one subfolder per class (the ImageFolder layout; class names
 * are the sorted subfolder names, as torchvision does), or a CSV/TSV/JSONL listing image paths
 * (relative to the listing) and labels.
 */
import { promises as fs, statSync } from 'node:fs';
import * as path from 'node:path';
import { getColumn, guessLabelColumn } from '../data/columns';
import { readTable } from '../data/readTable';
import type { Column, Table } from '../data/table';
import { DataError, listNames } from '../errors';
import { IMAGE_EXTENSIONS } from './preprocess';

/** One labelled image. */
export interface ImageItem {
  /** Absolute path of the image (or .npy tensor). */
  file: string;
  /** Path as shown to the user: relative to the folder or the listing. */
  name: string;
  label: string;
}

export interface ImageDataset {
  kind: 'folder' | 'listing';
  /** The folder or listing file. */
  source: string;
  items: ImageItem[];
  /** ImageFolder: sorted subfolder names, which is the class order torchvision trains with. */
  classes?: string[];
  /** Listing: the columns used. */
  pathColumn?: string;
  labelColumn?: string;
}

const INPUT_EXTENSIONS = new Set([...IMAGE_EXTENSIONS, '.npy']);
const PATH_COLUMNS = ['path', 'image', 'file', 'filename', 'image_path', 'filepath'];
const isImageName = (s: string | null) => s !== null && INPUT_EXTENSIONS.has(path.extname(s).toLowerCase());
// Plain code-point order, like Python's sorted() over folder names.
const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The listing's column of image paths: a known name, else the first column of image file names. */
function findPathColumn(table: Table, requested?: string): Column | undefined {
  if (requested) return getColumn(table, requested);
  const strings = table.columns.filter((c) => c.kind === 'string');
  return strings.find((c) => PATH_COLUMNS.includes(c.name.toLowerCase()) && c.values.some(isImageName))
    ?? strings.find((c) => c.values.length > 0 && c.values.slice(0, 20).every(isImageName));
}

/**
 * True when `data` is an image dataset: a folder, or a listing whose first rows name image files.
 * Cheap: reads at most a few rows of a listing.
 */
export async function isImageDataset(data: string): Promise<boolean> {
  try {
    if (statSync(data).isDirectory()) return true;
  } catch {
    return false;
  }
  if (!/\.(csv|tsv|jsonl|ndjson)$/i.test(data)) return false;
  const head = await readTable(data, { maxRows: 5 });
  return findPathColumn(head) !== undefined;
}

async function readFolder(root: string): Promise<ImageDataset> {
  const entries = await fs.readdir(root, { withFileTypes: true });
  const classes = entries.filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name).sort(byCodePoint);
  if (classes.length === 0) {
    throw new DataError(`${root} has no class subfolders; an image folder needs one subfolder per class (e.g. cat/, dog/) holding its images.`);
  }
  const items: ImageItem[] = [];
  for (const cls of classes) {
    const files = (await fs.readdir(path.join(root, cls), { withFileTypes: true }))
      .filter((e) => e.isFile() && INPUT_EXTENSIONS.has(path.extname(e.name).toLowerCase())).map((e) => e.name).sort(byCodePoint);
    for (const f of files) items.push({ file: path.resolve(root, cls, f), name: `${cls}/${f}`, label: cls });
  }
  if (items.length === 0) throw new DataError(`the class folders of ${root} (${listNames(classes)}) hold no images (${[...INPUT_EXTENSIONS].join(', ')}).`);
  return { kind: 'folder', source: root, items, classes };
}

async function readListing(file: string, opts: ListOptions): Promise<ImageDataset> {
  const table = await readTable(file, { maxRows: opts.maxRows });
  const pathCol = findPathColumn(table, opts.pathColumn);
  if (!pathCol || pathCol.kind !== 'string') {
    throw new DataError(`${file} has no column of image paths (names like ${PATH_COLUMNS.join(', ')}, values ending in ${[...INPUT_EXTENSIONS].join(', ')}). Columns are: ${listNames(table.columns.map((c) => c.name))}.`);
  }
  const labelName = opts.label ?? guessLabelColumn(table);
  if (!labelName) throw new DataError(`${file} has no label column (label, target, class, y); pass --label. Columns are: ${listNames(table.columns.map((c) => c.name))}.`);
  const labelCol = getColumn(table, labelName);
  const dir = path.dirname(path.resolve(file));
  const items: ImageItem[] = [];
  for (let i = 0; i < table.nRows; i++) {
    const p = pathCol.values[i];
    const l = labelCol.values[i];
    if (p === null || p === '') throw new DataError(`${file}: row ${i + 1} has no image path in column '${pathCol.name}'.`);
    if (l === null || (typeof l === 'number' && Number.isNaN(l))) throw new DataError(`${file}: row ${i + 1} (${p}) has no label in column '${labelName}'.`);
    items.push({ file: path.resolve(dir, p), name: p, label: String(l) });
  }
  if (items.length === 0) throw new DataError(`${file} lists no images.`);
  return { kind: 'listing', source: file, items, pathColumn: pathCol.name, labelColumn: labelName };
}

export interface ListOptions {
  /** Listing: label column (default: guessed). */
  label?: string;
  /** Listing: column of image paths (default: guessed). */
  pathColumn?: string;
  /** Keep at most this many images (0: all). */
  maxRows?: number;
}

/** Lists an image dataset (folder or listing). Images are not opened here. */
export async function listImageDataset(data: string, opts: ListOptions = {}): Promise<ImageDataset> {
  let isDir: boolean;
  try {
    isDir = statSync(data).isDirectory();
  } catch {
    throw new DataError(`${data} does not exist; pass an image folder (one subfolder per class) or a CSV/JSONL listing image paths and labels.`);
  }
  const ds = isDir ? await readFolder(data) : await readListing(data, opts);
  if (opts.maxRows && ds.items.length > opts.maxRows) ds.items = ds.items.slice(0, opts.maxRows);
  return ds;
}
