/**
 * Preprocessing from the command line: a JSON file (--preprocess, e.g. the `images.preprocess`
 * object of an earlier result) with flags on top (--image-size, --channels, ...).
 */
import { readFileSync } from 'node:fs';
import { UsageError } from '../errors';
import type { ChannelOrder, Layout, PreprocessSpec, ResizeMode } from './preprocess';

/** The raw flag values, as node:util parseArgs gives them. */
export interface PreprocessFlags {
  'image-size'?: string;
  resize?: string;
  channels?: string;
  scale?: string;
  mean?: string;
  std?: string;
  layout?: string;
  preprocess?: string;
}

/** parseArgs option declarations for {@link PreprocessFlags}. */
export const PREPROCESS_OPTIONS = {
  'image-size': { type: 'string' }, resize: { type: 'string' }, channels: { type: 'string' }, scale: { type: 'string' },
  mean: { type: 'string' }, std: { type: 'string' }, layout: { type: 'string' }, preprocess: { type: 'string' },
} as const;

const KEYS: readonly (keyof PreprocessSpec)[] = ['width', 'height', 'resize', 'channels', 'scale', 'mean', 'std', 'layout', 'dtype'];

function choice<T extends string>(flag: string, v: string | undefined, allowed: readonly T[]): T | undefined {
  if (v === undefined) return undefined;
  const low = v.toLowerCase() as T;
  if (!allowed.includes(low)) throw new UsageError(`--${flag} must be one of ${allowed.join(', ')}; got '${v}'`);
  return low;
}

/** "1/255", "0.00392", "1": a positive number or a fraction. */
function scaleValue(v: string): number {
  const m = /^\s*([0-9.eE+-]+)\s*(?:\/\s*([0-9.eE+-]+))?\s*$/.exec(v);
  const n = m ? Number(m[1]) / (m[2] !== undefined ? Number(m[2]) : 1) : NaN;
  if (!(Number.isFinite(n) && n > 0)) throw new UsageError(`--scale must be a positive number or fraction like 1/255; got '${v}'`);
  return n;
}

function numbers(flag: string, v: string): number[] {
  const out = v.split(',').map((s) => Number(s.trim()));
  if (out.length === 0 || out.some((x) => !Number.isFinite(x) || v.trim() === '')) throw new UsageError(`--${flag} must be numbers separated by commas, e.g. 0.485,0.456,0.406; got '${v}'`);
  return out;
}

/** Reads a preprocessing JSON file; unknown keys are an error so typos do not pass silently. */
export function readPreprocessFile(file: string): Partial<PreprocessSpec> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new UsageError(`--preprocess ${file}: ${(e as Error).message}`);
  }
  // Accept a whole result file too: take its images.preprocess.
  const images = (parsed as { images?: { preprocess?: unknown } } | null)?.images;
  if (images?.preprocess) parsed = images.preprocess;
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new UsageError(`--preprocess ${file} must hold a JSON object like {"width": 224, "height": 224, "channels": "rgb"}.`);
  const unknown = Object.keys(parsed).filter((k) => !(KEYS as readonly string[]).includes(k));
  if (unknown.length > 0) throw new UsageError(`--preprocess ${file}: unknown key(s) ${unknown.join(', ')}; allowed are ${KEYS.join(', ')}.`);
  return parsed as Partial<PreprocessSpec>;
}

/** Merges the file (if any) and the flags; undefined when neither says anything. */
export function preprocessFromFlags(f: PreprocessFlags): Partial<PreprocessSpec> | undefined {
  const spec: Partial<PreprocessSpec> = f.preprocess ? { ...readPreprocessFile(f.preprocess) } : {};
  if (f['image-size'] !== undefined) {
    const m = /^\s*(\d+)\s*(?:[xX×]\s*(\d+))?\s*$/.exec(f['image-size']);
    if (!m) throw new UsageError(`--image-size must be a size like 224 or HxW like 224x192; got '${f['image-size']}'`);
    spec.height = Number(m[1]);
    spec.width = Number(m[2] ?? m[1]);
  }
  const resize = choice<ResizeMode>('resize', f.resize, ['shorter', 'exact']);
  const channels = choice<ChannelOrder>('channels', f.channels === 'grayscale' ? 'gray' : f.channels, ['rgb', 'bgr', 'gray']);
  const layout = choice<Layout>('layout', f.layout, ['nchw', 'nhwc']);
  if (resize) spec.resize = resize;
  if (channels) spec.channels = channels;
  if (layout) spec.layout = layout;
  if (f.scale !== undefined) spec.scale = scaleValue(f.scale);
  if (f.mean !== undefined) spec.mean = numbers('mean', f.mean);
  if (f.std !== undefined) spec.std = numbers('std', f.std);
  return Object.keys(spec).length > 0 ? spec : undefined;
}
