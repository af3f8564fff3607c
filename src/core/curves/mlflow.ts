/**
 * MLflow's local file store: `mlruns/<experiment_id>/<run_id>/metrics/<metric name>` text
 * files with lines `timestamp value step` (timestamp in milliseconds). Metric names may hold
 * '/', which the store keeps as sub-folders. The run's name is in `tags/mlflow.runName`.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { DataError, throwIfAborted } from '../errors';
import { SeriesBuilder } from './seriesBuilder';
import type { RunTags } from './types';

/** True when `dir` looks like an MLflow run folder (meta.yaml beside a metrics folder). */
export function isMlflowRunDir(dir: string): boolean {
  return existsSync(path.join(dir, 'meta.yaml')) && existsSync(path.join(dir, 'metrics'));
}

/** The run's `mlflow.runName` tag, when it has one. */
export async function mlflowRunName(runDir: string): Promise<string | undefined> {
  try {
    const name = (await readFile(path.join(runDir, 'tags', 'mlflow.runName'), 'utf8')).trim();
    return name || undefined;
  } catch {
    return undefined;
  }
}

/** Metric files under `dir`, as names relative to the metrics folder with '/' separators. */
async function metricFiles(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const name = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await metricFiles(path.join(dir, e.name), name)));
    else if (e.isFile()) out.push(name);
  }
  return out.sort();
}

/**
 * Reads every metric of one MLflow run folder.
 * @throws DataError naming the file and line of a malformed metric line.
 */
export async function readMlflowRun(runDir: string, signal?: AbortSignal): Promise<RunTags> {
  const metricsDir = path.join(runDir, 'metrics');
  const tags: RunTags = new Map();
  for (const tag of await metricFiles(metricsDir)) {
    throwIfAborted(signal);
    const file = path.join(metricsDir, ...tag.split('/'));
    const text = await readFile(file, 'utf8');
    const b = new SeriesBuilder();
    let lineNo = 0;
    for (const line of text.split('\n')) {
      lineNo++;
      const t = line.trim();
      if (t === '') continue;
      const parts = t.split(/\s+/);
      const ts = Number(parts[0]);
      const value = parseMetricValue(parts[1] ?? '');
      const step = parts.length > 2 ? Number(parts[2]) : b.length;
      if (parts.length < 2 || !Number.isFinite(ts) || Number.isNaN(step) || (Number.isNaN(value) && !/^nan$/i.test(parts[1]))) {
        throw new DataError(`${file}: line ${lineNo} is not "timestamp value step": '${t.slice(0, 80)}'.`);
      }
      b.push(step, value, ts / 1000);
    }
    if (b.length > 0) tags.set(tag, b.series());
  }
  return tags;
}

/** A metric value as Python writes it: numbers, "nan", "inf", "-inf". */
function parseMetricValue(text: string): number {
  const m = /^([+-]?)inf(inity)?$/i.exec(text);
  if (m) return m[1] === '-' ? -Infinity : Infinity;
  return text === '' ? NaN : Number(text);
}
